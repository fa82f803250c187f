import { ExecutionContext, SetMetadata } from '@nestjs/common';

export type RateLimitBucket = 'filing' | 'tracking' | 'sign-in';

const RATE_LIMIT_KEY = 'rate-limit-bucket';

/** Puts a route in one of the per-IP rate-limit buckets configured in ThrottlingModule. */
export const RateLimited = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_KEY, bucket);

export function rateLimitBucketOf(context: ExecutionContext): RateLimitBucket | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_KEY, context.getHandler()) as RateLimitBucket | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_KEY, context.getClass()) as RateLimitBucket | undefined)
  );
}
