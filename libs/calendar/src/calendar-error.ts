/**
 * Domain error of the calendar. It carries a stable code and a Spanish message and knows
 * nothing about HTTP: each app maps the code to a status in its own exception filter.
 */
export type CalendarErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_INSTANT'
  | 'INVALID_BUSINESS_DAYS'
  | 'INVALID_CALENDAR_DATA'
  | 'INVALID_SCOPE'
  | 'NO_BUSINESS_DAY_FOUND';

export class CalendarError extends Error {
  override readonly name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
  }
}
