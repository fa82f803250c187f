import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isIsoCalendarDate, limaToday } from './lima-date';

@ValidatorConstraint({ name: 'isLimaDate' })
export class IsLimaDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // Same-length ISO dates compare correctly as strings.
    return typeof value === 'string' && isIsoCalendarDate(value) && value <= limaToday();
  }

  defaultMessage(args: ValidationArguments): string {
    const value: unknown = args.value;
    return typeof value === 'string' && isIsoCalendarDate(value)
      ? `${args.property}: no puede ser una fecha futura`
      : `${args.property}: debe ser una fecha válida con el formato AAAA-MM-DD`;
  }
}

/**
 * A date (YYYY-MM-DD) that is not later than today in Lima, e.g. the date of the
 * event a reclamo is about.
 */
export function IsLimaDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isLimaDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: IsLimaDateConstraint,
    });
  };
}
