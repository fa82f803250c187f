import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

/** What a token opens: the receipt, or the satisfaction survey of the same reclamo. */
export type PropositoToken = 'constancia' | 'encuesta';

const TOKEN_SUBSANACION = /^(\d{1,18})\.([A-Za-z0-9_-]{32})$/;

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

  /**
   * A person's document as the audit trails keep it (an access request, Ley 29733 art. 19): HMAC-SHA-256
   * with the deployment's key, 64 hex characters. A plain SHA-256 of an 8-digit DNI is undone by trying
   * the 10^8 numbers; without the key nobody outside the deployment can, and the same document always
   * gives the same value, so two requests for one person are seen as such.
   */
  huellaDeDocumento(tipoDocumento: string, numeroDocumento: string): string {
    if (!this.key) throw new Error('ReceiptTokens: la clave de los enlaces aún no se ha leído (onModuleInit)');
    return createHmac('sha256', this.key).update(`documento:${tipoDocumento}:${numeroDocumento}`).digest('hex');
  }

  private hmac(text: string): string {
    if (!this.key) throw new Error('ReceiptTokens: la clave de los enlaces aún no se ha leído (onModuleInit)');
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, 32);
  }
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
