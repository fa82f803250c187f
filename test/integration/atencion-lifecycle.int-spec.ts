import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  AddNotaInternaUseCase,
  AnnulReclamoUseCase,
  ApproveRespuestaUseCase,
  ArchiveReclamoUseCase,
  AssignReclamoUseCase,
  AtencionModule,
  CanalReconduccion,
  DraftRespuestaUseCase,
  GetReclamoUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  ReconducirReclamoUseCase,
  RecordSubsanacionUseCase,
  RequestSubsanacionUseCase,
  ReturnRespuestaUseCase,
  TrasladarReclamoUseCase,
} from '@app/atencion';
import { verifyAuditChain } from '@app/expediente';
import { canTransition, EstadoReclamo } from '@app/domain';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { reclamoFingerprint, insertReclamo, insertStaff } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';

// Monday 23 November 2026, 10:00 in Lima.
const NOW = new Date('2026-11-23T15:00:00Z');

type Ctx = { context: INestApplicationContext; actor: StaffUser; entidadId: string; reclamoId: string; destino: string; oficialId: string };

interface ActionSpec {
  name: string;
  /** The state the action moves the reclamo to, or null for actions that do not move it. */
  to: EstadoReclamo | null;
  /** When several actions reach the same state: the one state this action starts from. */
  desde?: readonly EstadoReclamo[];
  /** States in which the action is allowed without a move (e.g. re-assignment). */
  sinMovimiento?: readonly EstadoReclamo[];
  /** For actions that do not move the reclamo: allowed where the reclamo could still move to this state. */
  mientrasPueda?: EstadoReclamo;
  /** States from which the action is refused as incomplete input (422 naming a field) rather than as a move the lifecycle forbids. */
  faltanDatosEn?: readonly EstadoReclamo[];
  /** The reclamo's citizen did not consent to e-mail (the default fixture did). */
  sinCorreo?: boolean;
  outbox?: string;
  run(ctx: Ctx): Promise<unknown>;
}

/** A scan already received (what the storage hands the use case): PDF, no file behind it is read. */
const CARGO = { clave: 'prueba/cargo.pdf', bytes: 1024, sha256: 'a'.repeat(64), nombreOriginal: 'cargo.pdf', tipoMime: 'application/pdf' };

const base = (c: Ctx) => ({ actor: c.actor, entidadId: c.entidadId, reclamoId: c.reclamoId, ip: '10.0.0.1' });

const ACTIONS: ActionSpec[] = [
  {
    name: 'asignar',
    to: EstadoReclamo.EN_ATENCION,
    desde: [EstadoReclamo.REGISTRADO],
    sinMovimiento: [EstadoReclamo.EN_ATENCION, EstadoReclamo.OBSERVADO],
    run: (c) => c.context.get(AssignReclamoUseCase).execute({ ...base(c), oficialId: c.oficialId }),
  },
  {
    name: 'pedir subsanación',
    to: EstadoReclamo.OBSERVADO,
    outbox: 'solicitud_subsanacion',
    run: (c) => c.context.get(RequestSubsanacionUseCase).execute({ ...base(c), motivo: 'Falta la fecha de la atención.' }),
  },
  {
    name: 'subsanación recibida',
    to: EstadoReclamo.EN_ATENCION,
    desde: [EstadoReclamo.OBSERVADO],
    run: (c) => c.context.get(RecordSubsanacionUseCase).execute({ ...base(c), detalle: 'Indicó la fecha: 16/11.' }),
  },
  {
    name: 'reconducir',
    to: EstadoReclamo.RECONDUCIDO,
    outbox: 'reconduccion',
    run: (c) =>
      c.context.get(ReconducirReclamoUseCase).execute({
        ...base(c),
        canal: CanalReconduccion.ACCESO_INFORMACION,
        mensaje: 'Su pedido es una solicitud de acceso a la información pública; la derivamos a ese canal.',
      }),
  },
  {
    name: 'trasladar',
    to: EstadoReclamo.TRASLADADO,
    outbox: 'traslado',
    run: (c) => c.context.get(TrasladarReclamoUseCase).execute({ ...base(c), entidadDestino: c.destino, motivo: 'El servicio lo presta otra entidad.' }),
  },
  {
    name: 'anular',
    to: EstadoReclamo.ANULADO,
    run: (c) => c.context.get(AnnulReclamoUseCase).execute({ ...base(c), motivo: 'Duplicado del reclamo anterior.' }),
  },
  { name: 'marcar respondido', to: EstadoReclamo.RESPONDIDO, run: (c) => c.context.get(MarkRespondidoUseCase).execute(base(c)) },
  {
    // By e-mail the answer is only on its way: it is notified when the server accepts it (the worker's part).
    name: 'notificar por correo',
    to: EstadoReclamo.NOTIFICACION_EN_CURSO,
    outbox: 'respuesta',
    // After a failed e-mail, «Notificar» asks for the postal or in-person delivery.
    faltanDatosEn: [EstadoReclamo.NOTIFICACION_FALLIDA],
    run: (c) => c.context.get(NotifyRespuestaUseCase).execute(base(c)),
  },
  {
    name: 'notificar por medio postal',
    to: EstadoReclamo.NOTIFICADO,
    // Not while an e-mail is on its way: its outcome decides.
    desde: [EstadoReclamo.RESPONDIDO, EstadoReclamo.NOTIFICACION_FALLIDA],
    sinCorreo: true,
    run: (c) => c.context.get(NotifyRespuestaUseCase).execute({ ...base(c), medio: 'postal', fecha: '2026-11-20', constancia: CARGO }),
  },
  { name: 'archivar', to: EstadoReclamo.ARCHIVADO, run: (c) => c.context.get(ArchiveReclamoUseCase).execute(base(c)) },
  {
    name: 'redactar respuesta',
    to: null,
    mientrasPueda: EstadoReclamo.RESPONDIDO,
    run: (c) =>
      c.context.get(DraftRespuestaUseCase).execute({
        ...base(c),
        hechos: 'La ciudadana esperó tres horas.',
        analisis: 'No se informó la demora.',
        medidasAdoptadas: 'Se reforzó la ventanilla.',
      }),
  },
  { name: 'aprobar respuesta', to: null, mientrasPueda: EstadoReclamo.RESPONDIDO, run: (c) => c.context.get(ApproveRespuestaUseCase).execute(base(c)) },
  {
    name: 'devolver respuesta',
    to: null,
    mientrasPueda: EstadoReclamo.RESPONDIDO,
    run: (c) => c.context.get(ReturnRespuestaUseCase).execute({ ...base(c), comentarios: 'Precise las medidas.' }),
  },
];

/** The lifecycle table decides: a move is allowed iff estado.ts allows it (and it is this action's own edge). */
function expectedAllowed(action: ActionSpec, from: EstadoReclamo): boolean {
  if (action.sinMovimiento?.includes(from)) return true;
  if (action.to === null) return action.mientrasPueda ? canTransition(from, action.mientrasPueda) : true;
  return canTransition(from, action.to) && (action.desde?.includes(from) ?? true);
}

describe('Atención use cases on PostgreSQL', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let clock: FixedClock;
  let entidad: { id: string; codigo: string; unidadId: string };
  let destino: { id: string; codigo: string };
  let responsable: StaffUser;
  let oficial: StaffUser;

  beforeAll(async () => {
    clock = new FixedClock(NOW);
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, AtencionModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    entidad = await createTestEntidad(dataSource, uniqueCode('ATN'));
    destino = await createTestEntidad(dataSource, uniqueCode('DST'));
    responsable = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    oficial = await insertStaff(dataSource, 'oficial', entidad.id);
  });
  afterAll(async () => {
    await context.close();
  });

  /** A reclamo in `from`, with whatever each action needs besides the state (an approved draft, a lapsed window). */
  async function reclamoIn(from: EstadoReclamo, action: ActionSpec): Promise<string> {
    const respuesta = action.name === 'aprobar respuesta' || action.name === 'devolver respuesta' ? 'pendiente_aprobacion' : 'aprobada';
    const reclamo = await insertReclamo(dataSource, entidad, {
      estado: from,
      asignadoA: oficial.id,
      respuesta,
      subsanacionVence: '2026-11-18',
      notificacionEmail: !action.sinCorreo,
    });
    return reclamo.id;
  }

  describe('every action from every state, generated from the lifecycle table', () => {
    const matrix = ACTIONS.flatMap((action) => Object.values(EstadoReclamo).map((from) => [action.name, from, expectedAllowed(action, from)] as const));

    it.each(matrix)('%s from «%s» → allowed: %s', async (name, from, allowed) => {
      clock.set(NOW);
      const action = ACTIONS.find((a) => a.name === name)!;
      const reclamoId = await reclamoIn(from, action);
      const ctx: Ctx = { context, actor: responsable, entidadId: entidad.id, reclamoId, destino: destino.codigo, oficialId: oficial.id };
      const before = await reclamoFingerprint(dataSource, reclamoId);
      const auditBefore = await auditCount(reclamoId);

      if (action.faltanDatosEn?.includes(from)) {
        await expect(action.run(ctx)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(await reclamoFingerprint(dataSource, reclamoId)).toBe(before);
        return;
      }
      if (!allowed) {
        await expect(action.run(ctx)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
        expect(await reclamoFingerprint(dataSource, reclamoId)).toBe(before);
        return;
      }
      await action.run(ctx);
      const [row]: Array<{ estado: string }> = await dataSource.query(`SELECT estado FROM reclamo WHERE id = $1`, [reclamoId]);
      const moved = action.to !== null && !action.sinMovimiento?.includes(from);
      expect(row.estado).toBe(moved ? action.to : from);
      const events: Array<{ tipo: string; estado_anterior: string | null; estado_nuevo: string | null; actor_id: string }> = await dataSource.query(
        `SELECT tipo, estado_anterior, estado_nuevo, actor_id FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY id`,
        [reclamoId],
      );
      expect(events.length).toBeGreaterThan(0);
      const last = events[events.length - 1];
      expect(last.actor_id).toBe(responsable.id);
      if (moved) expect(last).toMatchObject({ tipo: 'cambio_estado', estado_anterior: from, estado_nuevo: action.to });
      expect(await auditCount(reclamoId)).toBeGreaterThan(auditBefore);
      if (action.outbox) {
        const outbox: Array<{ tipo: string; destinatario: string }> = await dataSource.query(`SELECT tipo, destinatario FROM outbox WHERE reclamo_id = $1`, [
          reclamoId,
        ]);
        expect(outbox).toEqual([{ tipo: action.outbox, destinatario: 'maria.quispe@example.pe' }]);
      }
    });
  });

  async function auditCount(reclamoId: string): Promise<number> {
    const [row]: Array<{ n: string }> = await dataSource.query(`SELECT count(*) AS n FROM auditoria WHERE reclamo_id = $1`, [reclamoId]);
    return Number(row.n);
  }

  describe('roles', () => {
    const officerForbidden: Array<[string, (c: Ctx) => Promise<unknown>]> = [
      ['approve a response', (c) => c.context.get(ApproveRespuestaUseCase).execute(base(c))],
      ['send a response back', (c) => c.context.get(ReturnRespuestaUseCase).execute({ ...base(c), comentarios: 'Corrija esto.' })],
      ['annul', (c) => c.context.get(AnnulReclamoUseCase).execute({ ...base(c), motivo: 'Duplicado del anterior.' })],
      [
        'reconduct',
        (c) =>
          c.context
            .get(ReconducirReclamoUseCase)
            .execute({ ...base(c), canal: CanalReconduccion.DENUNCIA, mensaje: 'Es una denuncia: la derivamos a su canal.' }),
      ],
      ['transfer', (c) => c.context.get(TrasladarReclamoUseCase).execute({ ...base(c), entidadDestino: c.destino, motivo: 'Lo atiende otra entidad.' })],
      ['assign', (c) => c.context.get(AssignReclamoUseCase).execute({ ...base(c), oficialId: c.oficialId })],
    ];

    it.each(officerForbidden)('an officer cannot %s, even on a case assigned to them', async (_label, run) => {
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.REGISTRADO, asignadoA: oficial.id, respuesta: 'pendiente_aprobacion' });
      const before = await reclamoFingerprint(dataSource, reclamo.id);
      const error = await run({ context, actor: oficial, entidadId: entidad.id, reclamoId: reclamo.id, destino: destino.codigo, oficialId: oficial.id }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/responsable/) });
      expect(await reclamoFingerprint(dataSource, reclamo.id)).toBe(before);
    });

    it('an officer handles the cases assigned to them, and cannot even read the others', async () => {
      const mio = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: oficial.id });
      const ajeno = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: responsable.id });
      const draft = { actor: oficial, entidadId: entidad.id, hechos: 'Los hechos narrados.', analisis: 'El análisis hecho.', medidasAdoptadas: 'Medidas.' };
      await expect(context.get(DraftRespuestaUseCase).execute({ ...draft, reclamoId: mio.id })).resolves.toEqual({ estadoRespuesta: 'pendiente_aprobacion' });
      await expect(context.get(DraftRespuestaUseCase).execute({ ...draft, reclamoId: ajeno.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(context.get(GetReclamoUseCase).execute({ actor: oficial, entidadId: entidad.id, reclamoId: ajeno.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'Este caso no está asignado a usted.',
      });
    });

    it('the titular de la entidad reads but cannot act', async () => {
      const titular = await insertStaff(dataSource, 'titular_entidad', entidad.id);
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION });
      await expect(context.get(GetReclamoUseCase).execute({ actor: titular, entidadId: entidad.id, reclamoId: reclamo.id })).resolves.toMatchObject({ id: reclamo.id });
      await expect(context.get(AddNotaInternaUseCase).execute({ actor: titular, entidadId: entidad.id, reclamoId: reclamo.id, texto: 'Nota' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it.each(['coordinador', 'administrador'] as const)('a %s cannot open a case (403, not even with the entity id)', async (rol) => {
      const user = await insertStaff(dataSource, rol, null);
      const reclamo = await insertReclamo(dataSource, entidad);
      await expect(context.get(GetReclamoUseCase).execute({ actor: user, entidadId: entidad.id, reclamoId: reclamo.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/agregadas/),
      });
    });

    it("scopes every query to the actor's entity in the use case: another entity's case is not found", async () => {
      const otro = await insertStaff(dataSource, 'responsable_titular', destino.id);
      const reclamo = await insertReclamo(dataSource, entidad);
      const before = await reclamoFingerprint(dataSource, reclamo.id);
      await expect(context.get(GetReclamoUseCase).execute({ actor: otro, entidadId: destino.id, reclamoId: reclamo.id })).rejects.toMatchObject({
        code: 'RECLAMO_NOT_FOUND',
      });
      await expect(
        context.get(AnnulReclamoUseCase).execute({ actor: otro, entidadId: destino.id, reclamoId: reclamo.id, motivo: 'Duplicado del anterior.' }),
      ).rejects.toMatchObject({ code: 'RECLAMO_NOT_FOUND' });
      // Claiming the other entity in the command does not help.
      await expect(context.get(GetReclamoUseCase).execute({ actor: otro, entidadId: entidad.id, reclamoId: reclamo.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await reclamoFingerprint(dataSource, reclamo.id)).toBe(before);
    });
  });

  describe('details of the actions', () => {
    it('a subsanación request stores the 2-business-day window counted with the calendar', async () => {
      clock.set(new Date('2026-12-04T15:00:00Z')); // Friday 4 Dec: Mon 7, then Tue 8 is a holiday (Inmaculada Concepción).
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION });
      const result = await context.get(RequestSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, motivo: 'Indique la sede.' });
      // Day 1 = Mon 7; Tue 8 and Wed 9 Dec are holidays; day 2 = Thu 10.
      expect(result).toEqual({ estado: 'observado', subsanacionVence: '2026-12-10' });
      const [row]: Array<{ v: string }> = await dataSource.query(`SELECT subsanacion_vence_el::text AS v FROM reclamo WHERE id = $1`, [reclamo.id]);
      expect(row.v).toBe('2026-12-10');
      // While the window runs, the reclamo cannot be archived "no subsanado".
      clock.set(new Date('2026-12-10T20:00:00Z'));
      await expect(context.get(ArchiveReclamoUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      clock.set(new Date('2026-12-11T15:00:00Z'));
      await context.get(ArchiveReclamoUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });
      const [ev]: Array<{ motivo: string }> = await dataSource.query(
        `SELECT motivo FROM reclamo_evento WHERE reclamo_id = $1 AND estado_nuevo = 'archivado'`,
        [reclamo.id],
      );
      expect(ev.motivo).toBe('No subsanado');
      clock.set(NOW);
    });

    it('with approval switched off, drafting makes the response ready; with it on, a send-back keeps the comments', async () => {
      const cmd = { actor: oficial, entidadId: entidad.id, hechos: 'Los hechos narrados.', analisis: 'El análisis hecho.', medidasAdoptadas: 'Medidas.' };
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: oficial.id });
      await context.get(DraftRespuestaUseCase).execute({ ...cmd, reclamoId: reclamo.id });
      await expect(context.get(MarkRespondidoUseCase).execute({ actor: oficial, entidadId: entidad.id, reclamoId: reclamo.id })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await context.get(ReturnRespuestaUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, comentarios: 'Cite el código.' });
      const [devuelta]: Array<{ estado: string; comentarios_devolucion: string }> = await dataSource.query(
        `SELECT estado, comentarios_devolucion FROM respuesta WHERE reclamo_id = $1`,
        [reclamo.id],
      );
      expect(devuelta).toEqual({ estado: 'devuelta', comentarios_devolucion: 'Cite el código.' });

      const sinAprobacion = await createTestEntidad(dataSource, uniqueCode('SAP'));
      await dataSource.query(`UPDATE entidad SET aprobacion_requerida = false WHERE id = $1`, [sinAprobacion.id]);
      const jefe = await insertStaff(dataSource, 'responsable_alterno', sinAprobacion.id);
      const otro = await insertReclamo(dataSource, sinAprobacion, { estado: EstadoReclamo.EN_ATENCION });
      await expect(
        context.get(DraftRespuestaUseCase).execute({ ...cmd, actor: jefe, entidadId: sinAprobacion.id, reclamoId: otro.id }),
      ).resolves.toEqual({ estadoRespuesta: 'aprobada' });
      await expect(context.get(MarkRespondidoUseCase).execute({ actor: jefe, entidadId: sinAprobacion.id, reclamoId: otro.id })).resolves.toEqual({
        estado: 'respondido',
      });
    });

    it('drafts from an entity template, and refuses another entity template', async () => {
      const [plantilla]: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO plantilla_respuesta (entidad_id, nombre, hechos, analisis, medidas_adoptadas)
         VALUES ($1, $2, 'Hechos de la plantilla.', 'Análisis de la plantilla.', 'Medidas de la plantilla.') RETURNING id`,
        [entidad.id, uniqueCode('PL')],
      );
      const [ajena]: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO plantilla_respuesta (entidad_id, nombre, hechos, analisis, medidas_adoptadas) VALUES ($1, $2, 'Hechos ajenos.', 'Análisis ajeno.', 'Medidas.') RETURNING id`,
        [destino.id, uniqueCode('PL')],
      );
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION });
      const cmd = { actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id };
      await context.get(DraftRespuestaUseCase).execute({ ...cmd, plantillaId: plantilla.id, hechos: 'Hechos propios del caso.' });
      const [row]: Array<Record<string, string>> = await dataSource.query(`SELECT hechos, analisis, plantilla_id FROM respuesta WHERE reclamo_id = $1`, [reclamo.id]);
      expect(row).toEqual({ hechos: 'Hechos propios del caso.', analisis: 'Análisis de la plantilla.', plantilla_id: plantilla.id });
      await expect(context.get(DraftRespuestaUseCase).execute({ ...cmd, plantillaId: ajena.id })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errores: expect.arrayContaining([expect.objectContaining({ campo: 'plantillaId' })]),
      });
    });

    it('a transfer creates a linked case in the other entity with its own code and deadline from the transfer', async () => {
      const reclamo = await insertReclamo(dataSource, entidad);
      const result = await context.get(TrasladarReclamoUseCase).execute({
        actor: responsable,
        entidadId: entidad.id,
        reclamoId: reclamo.id,
        entidadDestino: destino.codigo.toLowerCase(),
        motivo: 'El servicio lo presta la otra entidad.',
      });
      // Transfer on Monday 23 Nov 2026: 30 business days from Tue 24 Nov, as for a new filing.
      expect(result.nuevoReclamo).toMatchObject({ entidad: destino.codigo, vence: '2027-01-08' });
      expect(result.nuevoReclamo.codigo).toMatch(new RegExp(`^${destino.codigo}-2026-\\d{6}$`));
      const [nuevo]: Array<Record<string, unknown>> = await dataSource.query(
        `SELECT entidad_id, estado, origen_reclamo_id, vence_el::text AS vence,
                (SELECT count(*)::int FROM reclamo_persona p WHERE p.reclamo_id = r.id) AS personas
           FROM reclamo r WHERE id = $1`,
        [result.nuevoReclamo.id],
      );
      expect(nuevo).toEqual({ entidad_id: destino.id, estado: 'registrado', origen_reclamo_id: reclamo.id, vence: '2027-01-08', personas: 1 });
      const [origen]: Array<{ trasladado_a_reclamo_id: string }> = await dataSource.query(`SELECT trasladado_a_reclamo_id FROM reclamo WHERE id = $1`, [reclamo.id]);
      expect(origen.trasladado_a_reclamo_id).toBe(result.nuevoReclamo.id);
      const report = await verifyAuditChain(dataSource, [entidad.id, destino.id]);
      expect(report.fallas).toEqual([]);
    });

    it('keeps every entity chain valid under concurrent writes', async () => {
      const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION });
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          context.get(AddNotaInternaUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, texto: `Nota ${i}` }),
        ),
      );
      const report = await verifyAuditChain(dataSource, [entidad.id]);
      expect(report.fallas).toEqual([]);
      expect(report.entradas).toBeGreaterThan(12);
    });
  });
});
