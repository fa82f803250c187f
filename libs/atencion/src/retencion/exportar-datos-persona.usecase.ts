import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { DocumentType, isDocumentType, validateDocument } from '@app/domain/documents';
import { PersonaDelReclamo, RegistroDeAcceso } from '@app/expediente';
import { TIPOS_MENSAJE_AL_CIUDADANO } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { ReceiptTokens } from '@app/reclamos';
import { StaffUser } from '@app/staff';

export const FORMATOS_ACCESO = ['json', 'html'] as const;
export type FormatoAcceso = (typeof FORMATOS_ACCESO)[number];

export interface ExportarDatosPersonaCommand {
  actor: StaffUser;
  ip?: string | null;
  tipoDocumento: unknown;
  numeroDocumento: unknown;
  /** Only recorded: the caller renders the result (JSON for the API, a page for the browser). */
  formato: FormatoAcceso;
}

/** A person on the hoja as the expediente writes it (the role as read back from the row). */
export type PersonaEnCaso = Omit<PersonaDelReclamo, 'rol'> & { rol: string };

export interface CasoDeLaPersona {
  codigo: string;
  entidad: { codigo: string; nombre: string };
  estado: string;
  canal: string;
  aspecto: string;
  /** ISO 8601 instant (UTC). */
  registradoEn: string;
  /** Lima dates (AAAA-MM-DD). */
  fechaHechos: string | null;
  venceEl: string;
  notificadoEl: string | null;
  descripcion: string;
  pedido: string;
  /** The rows of this person on the hoja (reclamante, representado or apoderado); other people's are left out. */
  comoPersona: PersonaEnCaso[];
  /** The timeline as the person may see it: internal notes' entries are left out. Instants in UTC. */
  eventos: Array<{ tipo: string; estadoAnterior: string | null; estadoNuevo: string | null; actor: string; motivo: string | null; ocurridoEn: string }>;
  /** The answer, once notified (before that it is the entity's draft). */
  respuesta: { hechos: string; analisis: string; medidasAdoptadas: string; medio: string | null; fecha: string | null } | null;
  /** Messages to the person's e-mail: kind, state, address and when the server accepted it (UTC). Their text is rendered at sending, not kept. */
  mensajes: Array<{ tipo: string; estado: string; destinatario: string; enviadoEn: string | null }>;
  /** Files of the case: name, type, size in bytes, SHA-256, kind, when stored (UTC); the bytes stay in the case. */
  adjuntos: Array<{ nombre: string; tipoMime: string; bytes: number; sha256: string; tipo: string; creadoEn: string }>;
  encuesta: { satisfaccionGeneral: number; rapidez: number; claridad: number; trato: number; resuelto: string; comentario: string | null; respondidaEn: string } | null;
}

export interface DatosDeLaPersona {
  solicitudId: string;
  /** ISO 8601 instant of the request. */
  generadoEn: string;
  tipoDocumento: DocumentType;
  numeroDocumento: string;
  casos: CasoDeLaPersona[];
}

/** Refused exactly as an unknown route: a role that may not ask learns nothing, not even that the page exists. */
const NO_ENCONTRADO = (): DomainError => new DomainError('RECLAMO_NOT_FOUND', 'No encontrado.');

/**
 * Everything the platform holds about one person, by document type and number, for an access request
 * (Ley 29733, art. 19, derecho de acceso): every reclamo of every entity where the person is on the hoja
 * (reclamante, representado or apoderado), with its timeline, the answer once notified, the messages sent to
 * them, the list of files and the survey. Matched on the stored, normalised document (the number as typed
 * passes the hoja's own check for that type first), so another person whose number differs in one digit, or
 * who shares a name, is never included. Purged cases are not found: their data no longer exists.
 *
 * Platform administrators only; anyone else gets RECLAMO_NOT_FOUND (404). Bad input: VALIDATION_FAILED (422)
 * naming `tipoDocumento` or `numeroDocumento`. Audited before anything is returned, in the same transaction:
 * one row in `solicitud_acceso_datos` (who, when, from where, the document's keyed hash, how many cases) and,
 * in the log of reads (`registro_acceso`), one `datos_personales_exportados` row per case disclosed (a read:
 * nothing in the case changes, so nothing goes to the entities' hash chains). The number itself
 * is never written to a trail or a log.
 */
@Injectable()
export class ExportarDatosPersonaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registroDeAcceso: RegistroDeAcceso,
    private readonly tokens: ReceiptTokens,
    private readonly clock: Clock,
  ) {}

  async execute(command: ExportarDatosPersonaCommand): Promise<DatosDeLaPersona> {
    if (command.actor.rol !== 'administrador') throw NO_ENCONTRADO();
    const errores: FieldError[] = [];
    const tipo = isDocumentType(command.tipoDocumento) ? command.tipoDocumento : null;
    if (!tipo) errores.push({ campo: 'tipoDocumento', mensaje: 'elija DNI, CE, PASAPORTE o RUC' });
    let numero = '';
    if (typeof command.numeroDocumento !== 'string' || command.numeroDocumento.trim() === '') {
      errores.push({ campo: 'numeroDocumento', mensaje: 'escriba el número de documento' });
    } else if (tipo) {
      const check = validateDocument(tipo, command.numeroDocumento);
      if (check.ok) numero = check.normalized;
      else errores.push({ campo: 'numeroDocumento', mensaje: check.message });
    }
    if (errores.length > 0 || !tipo) throw new ValidationFailedError(errores);

    const ahora = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const casos: Array<{ id: string; entidadId: string } & Omit<CasoDeLaPersona, 'comoPersona' | 'eventos' | 'respuesta' | 'mensajes' | 'adjuntos' | 'encuesta'>> =
        await manager.query(
          `SELECT r.id, r.entidad_id AS "entidadId", r.codigo, json_build_object('codigo', e.codigo, 'nombre', e.nombre) AS entidad,
                  r.estado, r.canal, r.aspecto, to_char(r.registrado_en AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "registradoEn",
                  r.fecha_hechos::text AS "fechaHechos", r.vence_el::text AS "venceEl", r.notificado_el::text AS "notificadoEl",
                  r.descripcion, r.pedido
             FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
            WHERE r.datos_purgados_en IS NULL
              AND EXISTS (SELECT 1 FROM reclamo_persona p WHERE p.reclamo_id = r.id AND p.tipo_documento = $1 AND p.numero_documento = $2)
            ORDER BY r.registrado_en, r.codigo`,
          [tipo, numero],
        );
      const ids = casos.map((c) => c.id);
      const personas: Array<PersonaEnCaso & { reclamoId: string }> = await manager.query(
        `SELECT reclamo_id AS "reclamoId", rol, tipo_documento AS "tipoDocumento", numero_documento AS "numeroDocumento", nombres, apellidos,
                razon_social AS "razonSocial", email, telefono, ubigeo, direccion
           FROM reclamo_persona WHERE reclamo_id = ANY ($1::uuid[]) AND tipo_documento = $2 AND numero_documento = $3 ORDER BY rol`,
        [ids, tipo, numero],
      );
      const eventos: Array<CasoDeLaPersona['eventos'][number] & { reclamoId: string }> = await manager.query(
        `SELECT reclamo_id AS "reclamoId", tipo, estado_anterior AS "estadoAnterior", estado_nuevo AS "estadoNuevo", actor_tipo AS actor, motivo,
                to_char(ocurrido_en AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "ocurridoEn"
           FROM reclamo_evento WHERE reclamo_id = ANY ($1::uuid[]) AND tipo <> 'nota_interna' ORDER BY reclamo_id, id`,
        [ids],
      );
      const respuestas: Array<NonNullable<CasoDeLaPersona['respuesta']> & { reclamoId: string }> = await manager.query(
        `SELECT r.reclamo_id AS "reclamoId", r.hechos, r.analisis, r.medidas_adoptadas AS "medidasAdoptadas", n.medio, n.fecha::text AS fecha
           FROM respuesta r
           JOIN reclamo c ON c.id = r.reclamo_id AND c.notificado_el IS NOT NULL
           LEFT JOIN LATERAL (SELECT medio, fecha FROM notificacion_respuesta WHERE reclamo_id = r.reclamo_id ORDER BY created_at DESC LIMIT 1) n ON true
          WHERE r.reclamo_id = ANY ($1::uuid[])`,
        [ids],
      );
      const mensajes: Array<CasoDeLaPersona['mensajes'][number] & { reclamoId: string }> = await manager.query(
        `SELECT reclamo_id AS "reclamoId", tipo, estado, destinatario,
                to_char(enviado_en AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "enviadoEn"
           FROM outbox WHERE reclamo_id = ANY ($1::uuid[]) AND tipo = ANY ($2::text[]) ORDER BY reclamo_id, created_at`,
        [ids, TIPOS_MENSAJE_AL_CIUDADANO],
      );
      const adjuntos: Array<CasoDeLaPersona['adjuntos'][number] & { reclamoId: string }> = await manager.query(
        `SELECT reclamo_id AS "reclamoId", nombre_original AS nombre, tipo_mime AS "tipoMime", bytes, sha256, tipo,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "creadoEn"
           FROM adjunto WHERE reclamo_id = ANY ($1::uuid[]) ORDER BY reclamo_id, created_at, id`,
        [ids],
      );
      const encuestas: Array<NonNullable<CasoDeLaPersona['encuesta']> & { reclamoId: string }> = await manager.query(
        `SELECT reclamo_id AS "reclamoId", satisfaccion_general AS "satisfaccionGeneral", rapidez, claridad, trato, resuelto, comentario,
                to_char(respondida_en AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "respondidaEn"
           FROM encuesta WHERE reclamo_id = ANY ($1::uuid[])`,
        [ids],
      );
      const de = <T extends { reclamoId: string }>(rows: T[], id: string): Array<Omit<T, 'reclamoId'>> =>
        rows.filter((r) => r.reclamoId === id).map(({ reclamoId: _, ...resto }) => resto);

      const huella = this.tokens.huellaDeDocumento(tipo, numero);
      const entidades = [...new Set(casos.map((c) => c.entidadId))];
      const [solicitud]: Array<{ id: string }> = await manager.query(
        `INSERT INTO solicitud_acceso_datos (actor_id, actor_rol, ip, tipo_documento, documento_hmac, casos, entidades, formato, ocurrido_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9) RETURNING id`,
        [command.actor.id, command.actor.rol, command.ip ?? null, tipo, huella, casos.length, entidades, command.formato, ahora],
      );
      await this.registroDeAcceso.registrarMuchos(
        manager,
        casos.map((c) => ({
          entidadId: c.entidadId,
          reclamoId: c.id,
          actor: { id: command.actor.id, rol: command.actor.rol },
          ip: command.ip ?? null,
          accion: 'datos_personales_exportados' as const,
          detalle: { codigo: c.codigo, solicitudId: solicitud.id, tipoDocumento: tipo, documentoHmac: huella, formato: command.formato },
          ocurridoEn: ahora,
        })),
      );
      return {
        solicitudId: solicitud.id,
        generadoEn: ahora.toISOString(),
        tipoDocumento: tipo,
        numeroDocumento: numero,
        casos: casos.map(({ id, entidadId: _, ...caso }) => ({
          ...caso,
          comoPersona: de(personas, id),
          eventos: de(eventos, id),
          respuesta: de(respuestas, id)[0] ?? null,
          mensajes: de(mensajes, id),
          adjuntos: de(adjuntos, id),
          encuesta: de(encuestas, id)[0] ?? null,
        })),
      };
    });
  }
}
