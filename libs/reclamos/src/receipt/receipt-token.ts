import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Environment } from '@app/platform/config';

/**
 * The receipt shows personal data, so its address carries a token only the filer got
 * (an HMAC of the code). Codes are sequential; without the token they open nothing.
 */
@Injectable()
export class ReceiptTokens {
  private readonly secret: string;

  constructor(config: ConfigService<Environment, true>) {
    this.secret = config.get('SESSION_SECRET', { infer: true });
  }

  tokenFor(codigo: string): string {
    return createHmac('sha256', this.secret).update(`constancia:${codigo}`).digest('base64url').slice(0, 32);
  }

  isValid(codigo: string, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.tokenFor(codigo));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
