import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Environment } from '@app/platform/config';

/** What a token opens: the receipt, or the satisfaction survey of the same reclamo. */
export type PropositoToken = 'constancia' | 'encuesta';

const TOKEN_SUBSANACION = /^(\d{1,18})\.([A-Za-z0-9_-]{32})$/;

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
    return this.hmac(`${proposito}:${codigo}`);
  }

  isValid(codigo: string, token: string | undefined, proposito: PropositoToken = 'constancia'): boolean {
    if (!token) return false;
    return sameText(this.tokenFor(codigo, proposito), token);
  }

  /**
   * The link to answer one request for missing information: tied to the reclamo's code and to that
   * request's timeline event, whose id it carries in the clear (`<eventoId>.<hmac>`), so a link of
   * an earlier request or of another reclamo opens nothing else. Single use and expiry are the
   * reclamo's state (observado, within the window), checked where the reply is stored.
   */
  tokenForSubsanacion(codigo: string, eventoId: string): string {
    return `${eventoId}.${this.hmac(`subsanacion:${codigo}:${eventoId}`)}`;
  }

  /** The request's event id a subsanación token stands for, or null when the token is not this code's. */
  subsanacionOf(codigo: string, token: string | undefined): string | null {
    const match = TOKEN_SUBSANACION.exec(token ?? '');
    if (!match) return null;
    return sameText(this.hmac(`subsanacion:${codigo}:${match[1]}`), match[2]) ? match[1] : null;
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url').slice(0, 32);
  }
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
