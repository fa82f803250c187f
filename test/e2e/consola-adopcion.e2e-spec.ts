import { VistaAdopcionEntidad } from '@app/adopcion';
import {
  AddCatalogoUseCase,
  ApproveRespuestaUseCase,
  AssignReclamoUseCase,
  DraftRespuestaUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  SetCatalogoActivoUseCase,
} from '@app/atencion';
import { addDays, limaDateOf } from '@app/calendar';
import { Aspecto, Canal, RolUsuario } from '@app/domain';
import { DocumentType } from '@app/domain/documents';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { HojaReclamacionDto, SubmitReclamoUseCase } from '@app/reclamos';
import { AcceptInvitationUseCase, InviteStaffUseCase, RolInvitable, StaffUser } from '@app/staff';
import { api, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp, tokenFromOutbox } from '../support/backoffice-harness';
import { crearTramoDePrueba, entidadVacia, registrarDesignacion } from '../support/consola-fixture';
import { uniqueCode } from '../support/db';

const DIA = 24 * 3600_000;
const PASSWORD = 'una clave de prueba larga 2031';

/**
 * One entity crosses every adoption step the way entities do, through the platform's own use cases (the
 * invitation and its acceptance, the configuration, a citizen's filing, the answer and its notification,
 * the figures' rollup), and the console reads each step's date from what those wrote. Only the designation
 * is inserted as the registry (libs/tramos) records it from the oficio. The clock is today's: the catalogue
 * rows are stamped by the database's now().
 */
describe("Adoption derived from the platform: an entity crossing each step (the console's API after each)", () => {
  let h: BackofficeHarness;
  let coordinador: SignedIn;
  let administrador: StaffUser;
  let entidad: { id: string; codigo: string };
  const ahora = new Date();
  const hoy = limaDateOf(ahora);
  const hace = (dias: number) => new Date(ahora.getTime() - dias * DIA);

  beforeAll(async () => {
    h = await startBackofficeApp(ahora);
    const tramo = await crearTramoDePrueba(h.dataSource, { nombre: 'Tramo de la adopción de prueba', fechaInicio: addDays(hoy, -60), fechaLimite: addDays(hoy, 30) });
    entidad = await entidadVacia(h.dataSource, tramo, uniqueCode('ADP'));
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    administrador = { id: admin.id, email: admin.email, nombre: admin.nombre, rol: 'administrador', entidadId: null };
    const c = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    coordinador = await signIn(h, c.email, c.password);
  });
  afterAll(async () => {
    await h.close();
  });

  const adopcion = async (): Promise<VistaAdopcionEntidad> => {
    const r = await api(h, 'GET', `/api/v1/adopcion/entidades/${entidad.codigo}`, { cookie: coordinador.cookie });
    expect(r.status).toBe(200);
    return r.body as VistaAdopcionEntidad;
  };
  const fechas = async () => Object.fromEntries((await adopcion()).entidad.pasos.map((p) => [p.paso, p.fecha]));

  /** An account as the platform makes one: invited (by `por`), then activated by its owner following the e-mailed link. */
  const invitarYActivar = async (por: StaffUser, rol: RolInvitable, invitadaEn: Date, activadaEn: Date): Promise<StaffUser> => {
    h.clock.set(invitadaEn);
    const email = `adopcion.${rol}.${uniqueCode('x').toLowerCase()}@pruebas.gob.pe`;
    const miembro = await h.app.get(InviteStaffUseCase).execute({ actor: por, email, nombre: `Persona ${rol}`, rol, entidadId: entidad.id });
    h.clock.set(activadaEn);
    await h.app.get(AcceptInvitationUseCase).execute({ token: await tokenFromOutbox(h.dataSource, 'invitacion_personal', email), password: PASSWORD });
    h.clock.set(ahora);
    return { id: miembro.id, email, nombre: miembro.nombre, rol: rol as RolUsuario, entidadId: entidad.id };
  };

  it('walks from no iniciado to implementado, each step dated by the platform', async () => {
    expect((await adopcion()).entidad).toMatchObject({ estado: 'no_iniciado', implementadoEl: null, diasDeRetraso: null });
    expect((await adopcion()).entidad.pasosFaltantes).toHaveLength(6);
    expect(Object.values(await fechas()).every((f) => f === null)).toBe(true);

    // 1. The designation (the first oficio dates it; a later one does not move it).
    await registrarDesignacion(h.dataSource, entidad.id, addDays(hoy, -20));
    await registrarDesignacion(h.dataSource, entidad.id, addDays(hoy, -3));
    expect((await adopcion()).entidad.estado).toBe('en_proceso');
    expect((await fechas()).designacion_recibida).toBe(addDays(hoy, -20));

    // 2. The responsables' accounts: the titular alone is not enough; the step is the day the later of the two became active.
    const titular = await invitarYActivar(administrador, 'responsable_titular', hace(12), hace(10));
    expect((await fechas()).cuentas_responsables_activas).toBeNull();
    await invitarYActivar(titular, 'responsable_alterno', hace(9), hace(7));
    expect((await fechas()).cuentas_responsables_activas).toBe(limaDateOf(hace(7)));

    // 3. Sedes, unidades and services: one active of each; the day the last kind got its first.
    const agregar = (catalogo: 'sedes' | 'unidades' | 'servicios', nombre: string) =>
      h.app.get(AddCatalogoUseCase).execute({ actor: titular, catalogo, datos: { nombre, ...(catalogo === 'sedes' ? { direccion: 'Av. Central 100', ubigeo: '150101' } : {}) } });
    const sede = await agregar('sedes', 'Sede central');
    const unidad = await agregar('unidades', 'Oficina de atención al ciudadano');
    expect((await fechas()).catalogos_configurados).toBeNull();
    const servicio = await agregar('servicios', 'Trámite documentario');
    const [{ creado }]: Array<{ creado: string }> = await h.dataSource.query(`SELECT (created_at AT TIME ZONE 'America/Lima')::date::text AS creado FROM servicio WHERE id = $1`, [servicio.id]);
    expect((await fechas()).catalogos_configurados).toBe(creado);
    // A kind with nothing active undoes the step; active again, it is back.
    await h.app.get(SetCatalogoActivoUseCase).execute({ actor: titular, catalogo: 'servicios', id: servicio.id, activo: false });
    expect((await fechas()).catalogos_configurados).toBeNull();
    await h.app.get(SetCatalogoActivoUseCase).execute({ actor: titular, catalogo: 'servicios', id: servicio.id, activo: true });
    expect((await fechas()).catalogos_configurados).toBe(creado);

    // 4. Officers: the first active oficial.
    const oficial = await invitarYActivar(titular, 'oficial', hace(3), hace(2));
    expect((await fechas()).oficiales_registrados).toBe(limaDateOf(hace(2)));

    // 5. The first reclamo, filed by a citizen (no e-mail consent: the answer goes by post).
    h.clock.set(hace(1));
    const hoja = Object.assign(new HojaReclamacionDto(), {
      tipoDocumento: DocumentType.DNI,
      numeroDocumento: '41234567',
      nombres: 'Rosa',
      apellidos: 'Mamani Condori',
      ubigeo: '150101',
      direccion: 'Jr. Las Flores 123, Lima',
      sedeId: sede.id,
      unidadId: unidad.id,
      servicioId: servicio.id,
      fechaHechos: limaDateOf(hace(2)),
      aspecto: Aspecto.TIEMPO_ESPERA,
      descripcion: 'Esperé más de tres horas para ser atendida en ventanilla sin ninguna explicación.',
      pedido: 'Que mejoren la atención.',
      notificacionEmail: false,
    });
    const reclamo = await h.app.get(SubmitReclamoUseCase).execute({ entidadCodigo: entidad.codigo, hoja, adjuntos: [], canal: Canal.VIRTUAL });
    expect((await fechas()).primer_reclamo_recibido).toBe(limaDateOf(hace(1)));
    expect((await adopcion()).entidad.estado).toBe('en_proceso');

    // 6. Its answer, notified by post within the legal term; the figures' rollup counts it.
    h.clock.set(ahora);
    const caso = { actor: titular, entidadId: entidad.id, reclamoId: reclamo.id, ip: '10.0.0.9' };
    await h.app.get(AssignReclamoUseCase).execute({ ...caso, oficialId: oficial.id });
    await h.app.get(DraftRespuestaUseCase).execute({ ...caso, hechos: 'La ciudadana esperó tres horas.', analisis: 'No se informó la demora.', medidasAdoptadas: 'Se abrió otra ventanilla.' });
    await h.app.get(ApproveRespuestaUseCase).execute(caso);
    await h.app.get(MarkRespondidoUseCase).execute(caso);
    const cargo = { clave: 'prueba/cargo.pdf', bytes: 1024, sha256: 'a'.repeat(64), nombreOriginal: 'cargo.pdf', tipoMime: 'application/pdf' };
    await h.app.get(NotifyRespuestaUseCase).execute({ ...caso, medio: 'postal', fecha: hoy, constancia: cargo });
    // Until the rollup has it, the last step is not there (the worker updates it every minute).
    expect((await fechas()).primer_reclamo_en_plazo).toBeNull();
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });

    const final = await adopcion();
    expect(final.entidad.pasos.map((p) => [p.paso, p.fecha])).toEqual([
      ['designacion_recibida', addDays(hoy, -20)],
      ['cuentas_responsables_activas', limaDateOf(hace(7))],
      ['catalogos_configurados', creado],
      ['oficiales_registrados', limaDateOf(hace(2))],
      ['primer_reclamo_recibido', limaDateOf(hace(1))],
      ['primer_reclamo_en_plazo', hoy],
    ]);
    expect(final.entidad).toMatchObject({ estado: 'implementado', implementadoEl: [creado, hoy].sort()[1], diasDeRetraso: null, pasosFaltantes: [] });
    expect(final.cumplimiento).toMatchObject({ recibidos: 1, notificados: 1, notificadosEnPlazoLegal: 1, enPlazoLegalPct: 100 });
  });
});
