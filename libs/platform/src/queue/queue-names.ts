/** Every BullMQ queue of the platform, named once. */
export const QueueName = {
  NOTIFICATIONS: 'notifications',
  DEADLINES: 'deadlines',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
