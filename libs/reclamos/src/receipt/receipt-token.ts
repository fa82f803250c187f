import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Environment } from '@app/platform/config';

/** What a token opens: the receipt, or the satisfaction survey of the same reclamo. */
export type PropositoToken = 'constancia' | 'encuesta';

/**
 * The receipt shows personal data, so its address carries a token only the filer got
 * (an HMAC of the code). Codes are sequential; without the token they open nothing. The survey's
 * link carries a token of its own (another purpose, so one cannot stand for the other).
 */
@Injectable()
export class ReceiptTokens {
  private readonly secret: string;

  constructor(config: ConfigService<Environment, true>) {
    this.secret = config.get('SESSION_SECRET', { infer: true });
  }

  tokenFor(codigo: string, proposito: PropositoToken = 'constancia'): string {
    return createHmac('sha256', this.secret).update(`${proposito}:${codigo}`).digest('base64url').slice(0, 32);
  }

  isValid(codigo: string, token: string | undefined, proposito: PropositoToken = 'constancia'): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.tokenFor(codigo, proposito));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
