import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { addDays, limaDateOf } from '@app/calendar';
import { Clock } from '@app/platform/clock';
import { formatIsoDate } from '@app/platform/http';
import { ReceiptTokens } from '../receipt/receipt-token';

/** The four Likert questions (1 = muy insatisfecho … 5 = muy satisfecho), in the order the form asks them. */
export const PREGUNTAS_ENCUESTA = [
  { campo: 'satisfaccionGeneral', texto: '¿Qué tan satisfecho está, en general, con la atención de su reclamo?' },
  { campo: 'rapidez', texto: '¿Qué tan satisfecho está con la rapidez de la respuesta?' },
  { campo: 'claridad', texto: '¿Qué tan clara fue la respuesta?' },
  { campo: 'trato', texto: '¿Cómo califica el trato y la confianza que le inspiró la entidad?' },
] as const;
export type CampoLikert = (typeof PREGUNTAS_ENCUESTA)[number]['campo'];

export const RESUELTO_OPCIONES = { si: 'Sí', en_parte: 'En parte', no: 'No' } as const;
export type Resuelto = keyof typeof RESUELTO_OPCIONES;

export const COMENTARIO_MAX = 2000;

/**
 * Calendar days after the notification during which the survey opens [design]: the SGP's quality
 * model measures satisfaction with a recent service; an answer months later rates something else.
 */
export const PLAZO_ENCUESTA_DIAS = 30;

/** One answer as the form sends it: text values, any of them missing. */
export type RespuestasEncuesta = Partial<Record<CampoLikert | 'resuelto' | 'comentario', string>>;

export interface EncuestaAbierta {
  codigo: string;
  entidadNombre: string;
  /** Already answered: the form is not offered again (one survey per reclamo). */
  respondida: boolean;
  /** AAAA-MM-DD (Lima): the last day the survey can be answered. */
  cierraEl: string;
}

const NO_DISPONIBLE = 'Esta encuesta no está disponible. Use el enlace de la respuesta a su reclamo o su página de seguimiento.';

interface ReclamoNotificado {
  id: string;
  entidad_id: string;
  codigo: string;
  entidad_nombre: string;
  respondida: boolean;
  /** AAAA-MM-DD (Lima): the notification's date. */
  notificado: string;
}

/**
 * The reclamo a survey link opens: the token must be this code's survey token, and the answer must
 * have been notified (there is nothing to rate before). The same 404 for a wrong token, an unknown
 * code and an answer not yet notified, so codes cannot be probed. Past its window (PLAZO_ENCUESTA_DIAS
 * calendar days after the notification, Lima dates) the link is gone: 410 PLAZO_CERRADO, naming
 * the last day.
 */
async function reclamoDeLaEncuesta(
  dataSource: DataSource,
  tokens: ReceiptTokens,
  codigo: string,
  token: string | undefined,
  ahora: Date,
): Promise<ReclamoNotificado & { cierraEl: string }> {
  const normalizado = (codigo ?? '').trim().toUpperCase();
  if (!tokens.isValid(normalizado, token, 'encuesta')) throw new DomainError('RECLAMO_NOT_FOUND', NO_DISPONIBLE);
  const [row]: ReclamoNotificado[] = await dataSource.query(
    `SELECT r.id, r.entidad_id, r.codigo, e.nombre AS entidad_nombre, EXISTS (SELECT 1 FROM encuesta x WHERE x.reclamo_id = r.id) AS respondida,
            n.fecha::text AS notificado
       FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
       JOIN LATERAL (SELECT max(fecha) AS fecha FROM notificacion_respuesta WHERE reclamo_id = r.id) n ON n.fecha IS NOT NULL
      WHERE r.codigo = $1`,
    [normalizado],
  );
  if (!row) throw new DomainError('RECLAMO_NOT_FOUND', NO_DISPONIBLE);
  const cierraEl = addDays(row.notificado, PLAZO_ENCUESTA_DIAS);
  if (limaDateOf(ahora) > cierraEl && !row.respondida) {
    throw new DomainError(
      'PLAZO_CERRADO',
      `El plazo para responder la encuesta de este reclamo terminó el ${formatIsoDate(cierraEl)} (${PLAZO_ENCUESTA_DIAS} días desde la notificación de la respuesta).`,
    );
  }
  return { ...row, cierraEl };
}

/** Opens the satisfaction survey of a notified reclamo (from the answer e-mail or the tracking page). */
@Injectable()
export class GetEncuestaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ReceiptTokens,
    private readonly clock: Clock,
  ) {}

  async execute(query: { codigo: string; token?: string }): Promise<EncuestaAbierta> {
    const reclamo = await reclamoDeLaEncuesta(this.dataSource, this.tokens, query.codigo, query.token, this.clock.now());
    return { codigo: reclamo.codigo, entidadNombre: reclamo.entidad_nombre, respondida: reclamo.respondida, cierraEl: reclamo.cierraEl };
  }
}

/**
 * Stores the citizen's rating of how their reclamo was attended, once per reclamo (the table's
 * primary key): a second answer is refused with CONFLICT and changes nothing. Every question but the
 * comment is required; errors name each field in Spanish and store nothing. The comment is for the
 * entity's improvement work only and never published.
 */
@Injectable()
export class ResponderEncuestaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ReceiptTokens,
    private readonly clock: Clock,
  ) {}

  async execute(command: { codigo: string; token?: string; respuestas: RespuestasEncuesta }): Promise<{ codigo: string }> {
    const reclamo = await reclamoDeLaEncuesta(this.dataSource, this.tokens, command.codigo, command.token, this.clock.now());
    const { respuestas } = command;
    const errors: FieldError[] = [];
    const escala: Partial<Record<CampoLikert, number>> = {};
    for (const { campo } of PREGUNTAS_ENCUESTA) {
      const value = (respuestas[campo] ?? '').trim();
      if (!/^[1-5]$/.test(value)) errors.push({ campo, mensaje: 'elija una opción del 1 al 5' });
      else escala[campo] = Number(value);
    }
    const resuelto = (respuestas.resuelto ?? '').trim();
    if (!(resuelto in RESUELTO_OPCIONES)) errors.push({ campo: 'resuelto', mensaje: 'indique si su problema se resolvió: sí, en parte o no' });
    const comentario = (respuestas.comentario ?? '').trim();
    if (Array.from(comentario).length > COMENTARIO_MAX) errors.push({ campo: 'comentario', mensaje: `escriba como máximo ${COMENTARIO_MAX} caracteres` });
    if (errors.length > 0) throw new ValidationFailedError(errors);

    const stored: unknown[] = await this.dataSource.query(
      `INSERT INTO encuesta (reclamo_id, entidad_id, satisfaccion_general, rapidez, claridad, trato, resuelto, comentario, respondida_en)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT pk_encuesta DO NOTHING RETURNING 1`,
      [
        reclamo.id,
        reclamo.entidad_id,
        escala.satisfaccionGeneral,
        escala.rapidez,
        escala.claridad,
        escala.trato,
        resuelto,
        comentario || null,
        this.clock.now(),
      ],
    );
    if (stored.length === 0) throw new DomainError('CONFLICT', 'Usted ya respondió la encuesta de este reclamo. Gracias.');
    return { codigo: reclamo.codigo };
  }
}

/**
 * The retention purge (Ley 29733): a survey's free comment may name the person, so it goes with the rest
 * of the case's personal data; the ratings stay (the figures' satisfaction reads them). Runs in the
 * caller's transaction; returns how many comments were removed.
 */
export async function olvidarComentariosDeEncuesta(manager: EntityManager, reclamoIds: readonly string[]): Promise<number> {
  if (reclamoIds.length === 0) return 0;
  const rows: Array<{ reclamo_id: string }> = await manager.query(
    `UPDATE encuesta SET comentario = NULL WHERE reclamo_id = ANY ($1::uuid[]) AND comentario IS NOT NULL RETURNING reclamo_id`,
    [reclamoIds],
  );
  return rows.length;
}
