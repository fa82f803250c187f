import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

/** What a token opens: the receipt, or the satisfaction survey of the same reclamo. */
export type PropositoToken = 'constancia' | 'encuesta';

/** The `clave_despliegue` row of these links. */
const PROPOSITO_CLAVE = 'enlaces_ciudadano';

/**
 * The receipt shows personal data, so its address carries a token only the filer got (an HMAC of
 * the code). Codes are sequential; without the token they open nothing. The survey's link carries a
 * token of its own (another purpose, so one cannot stand for the other).
 *
 * The HMAC key is this deployment's own: 32 random bytes generated at the first start-up and kept in
 * `clave_despliegue` (this class is its only writer), never SESSION_SECRET, whose development value
 * is in the source and so would let anyone compute every receipt's address. Why a persisted key and
 * not a random token stored hashed per reclamo: links are built again long after filing (the
 * acknowledgement's loader when the worker sends it, the answer's loader for the survey, the tracking
 * page), and a hash cannot give the token back, whereas the key rebuilds it anywhere. Links made with
 * the former key no longer open; the tracking page (código + document) hands out a fresh one.
 *
 * `tokenFor` throws before Nest's init has read the key (never in a started app or worker).
 */
@Injectable()
export class ReceiptTokens implements OnModuleInit {
  private key: Buffer | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    // Replicas starting together: the first insert wins, every one reads the row that won.
    await this.dataSource.query(
      `INSERT INTO clave_despliegue (proposito, clave) VALUES ($1, $2) ON CONFLICT (proposito) DO NOTHING`,
      [PROPOSITO_CLAVE, randomBytes(32)],
    );
    const [row]: Array<{ clave: Buffer }> = await this.dataSource.query(`SELECT clave FROM clave_despliegue WHERE proposito = $1`, [PROPOSITO_CLAVE]);
    this.key = row.clave;
  }

  /** 32 base64url characters (192 bits) for this código and purpose. */
  tokenFor(codigo: string, proposito: PropositoToken = 'constancia'): string {
    if (!this.key) throw new Error('ReceiptTokens: la clave de los enlaces aún no se ha leído (onModuleInit)');
    return createHmac('sha256', this.key).update(`${proposito}:${codigo}`).digest('base64url').slice(0, 32);
  }

  isValid(codigo: string, token: string | undefined, proposito: PropositoToken = 'constancia'): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.tokenFor(codigo, proposito));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
