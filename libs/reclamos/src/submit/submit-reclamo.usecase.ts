import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { computeDueDate, limaDateOf, yearOf } from '@app/calendar';
import {
  DomainError,
  EnRepresentacion,
  EstadoReclamo,
  FieldError,
  RolPersona,
  ValidationFailedError,
} from '@app/domain';
import { DocumentType, normalizePhone, validateDocument } from '@app/domain/documents';
import { NuevoReclamo, numerarReclamo, PersonaDelReclamo, prepararReclamo, registrarEvento } from '@app/expediente';
import { escribirMensaje } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { AdjuntosEnEspera } from '../borrador/adjuntos-en-espera';
import { CalendarProvider } from '../calendar/calendar.provider';
import { HojaReclamacionDto } from '../hoja/hoja-reclamacion.dto';
import { SubmitReclamoCommand, SubmitReclamoResult } from './submit-reclamo.command';

/** What a filing needs to know of its entity. */
interface EntidadDeRegistro {
  id: string;
  codigo: string;
  nombre: string;
  ubigeo: string;
  /** Días hábiles: 30 by law (D.S. 007-2020-PCM) or the entity's shorter target. */
  plazoRespuestaDias: number;
}

/**
 * Registro: stores a hoja de reclamación durably and hands out its code.
 *
 * One transaction holds the reclamo, the people on it, the attachments' records, the
 * first timeline event and the acknowledgement's outbox row; the code is returned only
 * after it commits. The correlative comes from a per-entity-and-year counter row that
 * the transaction locks, so concurrent filings queue on it and a rolled-back filing
 * gives its number back: no gaps, no duplicates. Every check and computation (entity,
 * catalogue, calendar, due date) runs before the transaction, and the correlative is
 * taken in its last statement (with a replay key, the key's record follows it), so the
 * lock is held for about one statement and the commit.
 */
@Injectable()
export class SubmitReclamoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarProvider,
    private readonly clock: Clock,
    private readonly adjuntosEnEspera: AdjuntosEnEspera,
  ) {}

  async execute(command: SubmitReclamoCommand): Promise<SubmitReclamoResult> {
    const [entidad]: EntidadDeRegistro[] = await this.dataSource.query(
      `SELECT id, codigo, nombre, ubigeo, plazo_respuesta_dias AS "plazoRespuestaDias"
         FROM entidad WHERE codigo = $1 AND activo`,
      [command.entidadCodigo.toUpperCase()],
    );
    if (!entidad) {
      throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe una entidad activa con ese código.', [
        { campo: 'entidad', mensaje: 'no existe una entidad activa con ese código' },
      ]);
    }
    await this.assertCatalogueBelongsTo(entidad, command.hoja);

    const registradoEn = this.clock.now();
    const calendar = await this.calendars.current();
    const due = computeDueDate({
      registeredAt: registradoEn,
      businessDays: entidad.plazoRespuestaDias,
      scope: this.calendars.scopeOf(entidad),
      calendar,
    });
    const anio = yearOf(limaDateOf(registradoEn));
    // The rows as they will be stored (documents and phones normalised), made before the transaction.
    const nuevo: NuevoReclamo = {
      entidad: { id: entidad.id, codigo: entidad.codigo },
      anio,
      canal: command.canal,
      registradoEn,
      fechaRegistroLima: due.registro,
      plazoDiasHabiles: entidad.plazoRespuestaDias,
      venceEl: due.vence,
      calendarioVersion: due.calendarVersion,
      ...reclamoDeLaHoja(command.hoja),
      adjuntos: command.adjuntos,
    };

    // PostgreSQL's default isolation (READ COMMITTED) is what the counter and idempotency locks rely on.
    return this.dataSource.transaction(async (manager) => {
      if (command.idempotency) {
        const replay = await this.claimIdempotencyKey(manager, command);
        if (replay) return replay;
      }
      if (command.enEspera) await this.adjuntosEnEspera.tomar(manager, command.enEspera.formulario, command.enEspera.adjuntos);
      // Everything but the reclamo row first; the row, with its correlative, last: the entity's
      // book is locked from that statement to the commit only (see prepararReclamo).
      const reclamoId = await prepararReclamo(manager, nuevo);
      await registrarEvento(manager, {
        reclamoId,
        entidadId: entidad.id,
        tipo: 'registrado',
        estadoNuevo: EstadoReclamo.REGISTRADO,
        actor: { tipo: 'ciudadano' },
        datos: { canal: command.canal, adjuntos: command.adjuntos.length, vence: due.vence },
        ocurridoEn: registradoEn,
      });
      const { hoja } = command;
      if (hoja.email) {
        await escribirMensaje(manager, {
          tipo: 'acuse_recibo',
          entidadId: entidad.id,
          reclamoId,
          destinatario: hoja.email.toLowerCase(),
          // Ids only: the worker re-reads the reclamo when it renders the message.
          datos: { reclamoId },
          claveUnica: `acuse_recibo:${reclamoId}`,
        });
      }
      const { codigo } = await numerarReclamo(manager, reclamoId, nuevo);

      const result: SubmitReclamoResult = {
        id: reclamoId,
        codigo,
        entidad: { codigo: entidad.codigo, nombre: entidad.nombre },
        estado: EstadoReclamo.REGISTRADO,
        registradoEn: registradoEn.toISOString(),
        fechaRegistro: due.registro,
        plazoDiasHabiles: entidad.plazoRespuestaDias,
        vence: due.vence,
        repetido: false,
      };
      if (command.idempotency) {
        await manager.query(`UPDATE idempotencia SET respuesta = $3, reclamo_id = $4 WHERE ambito = $1 AND clave = $2`, [
          command.idempotency.ambito,
          command.idempotency.clave,
          JSON.stringify(result),
          reclamoId,
        ]);
      }
      return result;
    });
  }

  /**
   * Takes the key inside the filing's transaction. A concurrent request with the same key
   * waits on the primary key until this one commits, then finds the row and replays it.
   */
  private async claimIdempotencyKey(
    manager: EntityManager,
    command: SubmitReclamoCommand,
  ): Promise<SubmitReclamoResult | null> {
    const { ambito, clave, huella } = command.idempotency!;
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotencia (ambito, clave, huella, estado_http, respuesta)
       VALUES ($1, $2, $3, 201, '{}') ON CONFLICT (ambito, clave) DO NOTHING RETURNING clave`,
      [ambito, clave, huella],
    );
    if (claimed.length === 1) return null;
    // The conflicting insert waited for the other transaction, so its committed row is there to read.
    const [previous]: Array<{ huella: string; respuesta: SubmitReclamoResult }> = await manager.query(
      `SELECT huella, respuesta FROM idempotencia WHERE ambito = $1 AND clave = $2`,
      [ambito, clave],
    );
    if (previous.huella !== huella) {
      throw new DomainError(
        'IDEMPOTENCY_CONFLICT',
        'La clave Idempotency-Key ya se usó con otros datos. Use una clave nueva para un reclamo distinto.',
        [{ campo: 'Idempotency-Key', mensaje: 'ya se usó con otros datos' }],
      );
    }
    return { ...previous.respuesta, repetido: true };
  }

  /** Sede, unidad and servicio must come from this entity's own active lists. */
  private async assertCatalogueBelongsTo(entidad: EntidadDeRegistro, hoja: HojaReclamacionDto): Promise<void> {
    const rows: Array<{ tabla: string; id: string }> = await this.dataSource.query(
      `SELECT 'sede' AS tabla, id FROM sede WHERE id = $2 AND entidad_id = $1 AND activo
       UNION ALL SELECT 'servicio', id FROM servicio WHERE id = $3 AND entidad_id = $1 AND activo
       UNION ALL SELECT 'unidad', id FROM unidad_organica WHERE id = $4 AND entidad_id = $1 AND activo`,
      [entidad.id, hoja.sedeId, hoja.servicioId, hoja.unidadId ?? null],
    );
    const found = new Set(rows.map((r) => r.tabla));
    const errors: FieldError[] = [];
    if (!found.has('sede')) errors.push({ campo: 'sedeId', mensaje: 'elija una sede de la lista de esta entidad' });
    if (!found.has('servicio')) errors.push({ campo: 'servicioId', mensaje: 'elija un servicio de la lista de esta entidad' });
    if (hoja.unidadId && !found.has('unidad')) {
      errors.push({ campo: 'unidadId', mensaje: 'elija una unidad de la lista de esta entidad' });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}

/** Stores documents as the domain normalizes them (trimmed, upper-case), so tracking matches what was typed. */
function normalizedDocument(type: DocumentType, value: string): string {
  const check = validateDocument(type, value);
  return check.ok ? check.normalized : value.trim().toUpperCase();
}

/** What a hoja says of the reclamo (as opposed to how and when it was filed): the facts, the catalogue and the people. */
export function reclamoDeLaHoja(
  hoja: HojaReclamacionDto,
): Pick<NuevoReclamo, 'aspecto' | 'sedeId' | 'unidadId' | 'servicioId' | 'fechaHechos' | 'descripcion' | 'pedido' | 'notificacionEmail' | 'personas'> {
  return {
    aspecto: hoja.aspecto,
    sedeId: hoja.sedeId,
    unidadId: hoja.unidadId ?? null,
    servicioId: hoja.servicioId,
    fechaHechos: hoja.fechaHechos,
    descripcion: hoja.descripcion,
    pedido: hoja.pedido,
    notificacionEmail: hoja.notificacionEmail,
    personas: peopleOf(hoja),
  };
}

/** The people on the hoja, one row per role. */
export function peopleOf(hoja: HojaReclamacionDto): PersonaDelReclamo[] {
  const none = { razonSocial: null, email: null, telefono: null, ubigeo: null, direccion: null };
  const people: PersonaDelReclamo[] = [
    {
      rol: RolPersona.RECLAMANTE,
      tipoDocumento: hoja.tipoDocumento,
      numeroDocumento: normalizedDocument(hoja.tipoDocumento, hoja.numeroDocumento),
      nombres: hoja.nombres,
      apellidos: hoja.apellidos,
      razonSocial: hoja.razonSocial ?? null,
      email: hoja.email?.toLowerCase() ?? null,
      telefono: hoja.telefono ? (normalizePhone(hoja.telefono) ?? hoja.telefono) : null,
      ubigeo: hoja.ubigeo ?? null,
      direccion: hoja.direccion ?? null,
    },
  ];
  if (hoja.enRepresentacion === EnRepresentacion.PERSONA) {
    people.push({
      ...none,
      rol: RolPersona.REPRESENTADO,
      tipoDocumento: hoja.representadoTipoDocumento!,
      numeroDocumento: normalizedDocument(hoja.representadoTipoDocumento!, hoja.representadoNumeroDocumento!),
      nombres: hoja.representadoNombres!,
      apellidos: hoja.representadoApellidos!,
    });
  }
  if (hoja.enRepresentacion === EnRepresentacion.EMPRESA) {
    people.push({
      ...none,
      rol: RolPersona.REPRESENTADO,
      tipoDocumento: DocumentType.RUC,
      numeroDocumento: hoja.representadoRuc!,
      nombres: null,
      apellidos: null,
      razonSocial: hoja.representadoRazonSocial!,
    });
  }
  if (hoja.esMenor) {
    people.push({
      ...none,
      rol: RolPersona.APODERADO,
      tipoDocumento: hoja.apoderadoTipoDocumento!,
      numeroDocumento: normalizedDocument(hoja.apoderadoTipoDocumento!, hoja.apoderadoNumeroDocumento!),
      nombres: hoja.apoderadoNombres!,
      apellidos: hoja.apoderadoApellidos!,
    });
  }
  return people;
}
