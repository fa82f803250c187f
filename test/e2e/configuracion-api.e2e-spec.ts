import { verifyAuditChain } from '@app/expediente';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

describe('Configuración de la entidad JSON API (issue #5; real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let entidad: { id: string; codigo: string; servicioId: string };
  let responsable: SignedIn;
  let oficial: SignedIn;
  let oficialId: string;
  let admin: SignedIn;

  const send = (who: SignedIn, method: string, path: string, body?: unknown) => api(h, method, path, { cookie: who.cookie, csrf: who.csrfToken, body });
  const auditOf = async (accion: string): Promise<Array<{ actor_rol: string; detalle: Record<string, unknown> }>> =>
    h.dataSource.query(`SELECT actor_rol, detalle FROM auditoria WHERE entidad_id = $1 AND accion = $2 ORDER BY secuencia`, [entidad.id, accion]);

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    entidad = await createTestEntidad(h.dataSource, uniqueCode('CFG'));
    const titular = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const of = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    oficialId = of.id;
    responsable = await signIn(h, titular.email, titular.password);
    oficial = await signIn(h, of.email, of.password);
    admin = await signIn(h, 'administrador@plataforma.demo.gob.pe', 'Reclamos2026!');
    expect([responsable.status, oficial.status, admin.status]).toEqual([200, 200, 200]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads and changes approval, reminder thresholds and the end of the subsanación window, audited', async () => {
    expect(await send(responsable, 'GET', '/api/v1/configuracion')).toMatchObject({
      status: 200,
      body: { aprobacionRequerida: true, umbralesAlerta: [10, 5, 2, 1], subsanacionVencida: 'marcar' },
    });
    const changed = await send(responsable, 'PATCH', '/api/v1/configuracion', { aprobacionRequerida: false, umbralesAlerta: [15, 7, 3, 1], subsanacionVencida: 'archivar' });
    expect(changed).toMatchObject({ status: 200, body: { aprobacionRequerida: false, umbralesAlerta: [15, 7, 3, 1], subsanacionVencida: 'archivar' } });
    const [entry] = await auditOf('ajustes_modificados');
    expect(entry).toMatchObject({
      actor_rol: 'responsable_titular',
      detalle: { antes: { aprobacionRequerida: true, umbralesAlerta: [10, 5, 2, 1] }, despues: { aprobacionRequerida: false, subsanacionVencida: 'archivar' } },
    });
    // Officers read the settings (forms need them) but do not change them.
    expect(await send(oficial, 'GET', '/api/v1/configuracion')).toMatchObject({ status: 200 });
    expect(await send(oficial, 'PATCH', '/api/v1/configuracion', { aprobacionRequerida: true })).toMatchObject({ status: 403, body: { codigo: 'FORBIDDEN' } });
  });

  it.each([
    [[5, 10], /de mayor a menor/],
    [[10, 10, 2], /de mayor a menor/],
    [[45, 10], /como máximo 30/],
    [[5, 0], /entero positivo/],
    [[5, 2.5], /entero positivo/],
    [[], /al menos un umbral/],
  ])('refuses the thresholds %j with a 422 in Spanish naming umbralesAlerta, changing nothing', async (umbralesAlerta, mensaje) => {
    const before = await send(responsable, 'GET', '/api/v1/configuracion');
    const refused = await send(responsable, 'PATCH', '/api/v1/configuracion', { umbralesAlerta });
    expect(refused).toMatchObject({ status: 422, body: { codigo: 'VALIDATION_FAILED', errores: [{ campo: 'umbralesAlerta', mensaje: expect.stringMatching(mensaje) }] } });
    expect((await send(responsable, 'GET', '/api/v1/configuracion')).body).toEqual(before.body);
  });

  it('lets an administrator configure any entity it names, and asks for the entity when it does not', async () => {
    expect(await send(admin, 'GET', '/api/v1/configuracion')).toMatchObject({ status: 422, body: { errores: [{ campo: 'entidad' }] } });
    expect(await send(admin, 'GET', '/api/v1/configuracion?entidad=6b0e3a4e-3f0c-4c57-9d8b-3f6a3c1d2e10')).toMatchObject({ status: 404, body: { codigo: 'ENTIDAD_NOT_FOUND' } });
    const added = await send(admin, 'POST', `/api/v1/configuracion/unidades?entidad=${entidad.id}`, { nombre: 'Oficina de Atención al Ciudadano' });
    expect(added).toMatchObject({ status: 201, body: { elemento: { nombre: 'Oficina de Atención al Ciudadano', activo: true } } });
    const [entry] = await auditOf('catalogo_agregado');
    expect(entry).toMatchObject({ actor_rol: 'administrador', detalle: { catalogo: 'unidades', id: added.body.elemento.id } });
  });

  it('adds, renames and deactivates sedes, unidades, servicios and temas; never deletes what cases cite', async () => {
    const sede = await send(responsable, 'POST', '/api/v1/configuracion/sedes', { nombre: 'Sede Miraflores', direccion: 'Av. Larco 123', ubigeo: '150122' });
    expect(sede).toMatchObject({ status: 201, body: { elemento: { nombre: 'Sede Miraflores', direccion: 'Av. Larco 123', ubigeo: '150122', activo: true } } });
    expect(await send(responsable, 'POST', '/api/v1/configuracion/sedes', { nombre: 'Sede Miraflores' })).toMatchObject({
      status: 409,
      body: { codigo: 'CONFLICT', errores: [{ campo: 'nombre' }] },
    });
    expect(await send(responsable, 'POST', '/api/v1/configuracion/servicios', { nombre: 'Trámite X', direccion: 'Jr. Uno' })).toMatchObject({
      status: 422,
      body: { errores: [{ campo: 'direccion' }] },
    });
    expect(await send(responsable, 'POST', '/api/v1/configuracion/temas', { nombre: 'Demora en ventanilla', aspecto: 'cualquiera' })).toMatchObject({
      status: 422,
      body: { errores: [{ campo: 'aspecto' }] },
    });
    expect(await send(responsable, 'POST', '/api/v1/configuracion/buzones', { nombre: 'X' })).toMatchObject({ status: 404, body: { codigo: 'CONFIGURACION_NOT_FOUND' } });

    const tema = await send(responsable, 'POST', '/api/v1/configuracion/temas', { nombre: 'Demora en ventanilla', aspecto: 'tiempo_espera' });
    expect(tema).toMatchObject({ status: 201, body: { elemento: { aspecto: 'tiempo_espera' } } });
    const renamed = await send(responsable, 'PATCH', `/api/v1/configuracion/temas/${tema.body.elemento.id}`, { nombre: 'Demora en la ventanilla' });
    expect(renamed).toMatchObject({ status: 200, body: { elemento: { nombre: 'Demora en la ventanilla', aspecto: 'tiempo_espera' } } });

    // A reclamo cites the service; deactivating keeps the row (and the reclamo's reference).
    const reclamo = await insertReclamo(h.dataSource, entidad);
    await h.dataSource.query(`UPDATE reclamo SET servicio_id = $2 WHERE id = $1`, [reclamo.id, entidad.servicioId]);
    const off = await send(responsable, 'POST', `/api/v1/configuracion/servicios/${entidad.servicioId}/desactivar`);
    expect(off).toMatchObject({ status: 200, body: { elemento: { id: entidad.servicioId, activo: false } } });
    const [row]: Array<{ servicio_id: string }> = await h.dataSource.query(`SELECT servicio_id FROM reclamo WHERE id = $1`, [reclamo.id]);
    expect(row.servicio_id).toBe(entidad.servicioId);
    expect((await send(responsable, 'GET', '/api/v1/configuracion/servicios')).body.elementos).toContainEqual(
      expect.objectContaining({ id: entidad.servicioId, activo: false }),
    );
    expect(await send(responsable, 'POST', `/api/v1/configuracion/servicios/${entidad.servicioId}/activar`)).toMatchObject({ status: 200, body: { elemento: { activo: true } } });
    expect((await auditOf('catalogo_desactivado')).length).toBe(1);
    expect(await send(oficial, 'POST', '/api/v1/configuracion/sedes', { nombre: 'Sede del oficial' })).toMatchObject({ status: 403 });
  });

  it('classifies a case under an active topic at assignment, and refuses an inactive one', async () => {
    const tema = await send(responsable, 'POST', '/api/v1/configuracion/temas', { nombre: 'Trato en caja', aspecto: 'trato_profesional' });
    const reclamo = await insertReclamo(h.dataSource, entidad, { estado: EstadoReclamo.REGISTRADO });
    const assigned = await send(responsable, 'POST', `/api/v1/casos/${reclamo.id}/asignar`, { oficialId, temaId: tema.body.elemento.id });
    expect(assigned).toMatchObject({ status: 200, body: { estado: 'en_atencion' } });
    const [row]: Array<{ tema_id: string }> = await h.dataSource.query(`SELECT tema_id FROM reclamo WHERE id = $1`, [reclamo.id]);
    expect(row.tema_id).toBe(tema.body.elemento.id);

    await send(responsable, 'POST', `/api/v1/configuracion/temas/${tema.body.elemento.id}/desactivar`);
    const otro = await insertReclamo(h.dataSource, entidad, { estado: EstadoReclamo.REGISTRADO });
    expect(await send(responsable, 'POST', `/api/v1/casos/${otro.id}/asignar`, { oficialId, temaId: tema.body.elemento.id })).toMatchObject({
      status: 422,
      body: { errores: [{ campo: 'temaId' }] },
    });
  });

  it('creates, reads, changes and deletes response templates; a template a response used is deactivated instead', async () => {
    const created = await send(responsable, 'POST', '/api/v1/configuracion/plantillas', {
      nombre: 'Demora en la atención',
      hechos: 'El día indicado la persona esperó más de lo previsto.',
      analisis: 'La demora se debió a la falta de personal en ventanilla.',
      medidasAdoptadas: 'Se reforzó la atención en horas punta.',
    });
    expect(created).toMatchObject({ status: 201, body: { plantilla: { nombre: 'Demora en la atención', activo: true } } });
    const id = created.body.plantilla.id as string;
    expect(await send(responsable, 'POST', '/api/v1/configuracion/plantillas', { nombre: 'Vacía' })).toMatchObject({ status: 422, body: { errores: [{ campo: 'hechos' }] } });
    expect(await send(responsable, 'PUT', `/api/v1/configuracion/plantillas/${id}`, { medidasAdoptadas: 'Se contrató personal adicional.' })).toMatchObject({
      status: 200,
      body: { plantilla: { medidasAdoptadas: 'Se contrató personal adicional.', nombre: 'Demora en la atención' } },
    });
    expect((await send(oficial, 'GET', '/api/v1/configuracion/plantillas')).body.plantillas).toContainEqual(expect.objectContaining({ id }));

    // Used by a draft: deleting it deactivates it.
    const reclamo = await insertReclamo(h.dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: oficialId });
    expect(await send(oficial, 'POST', `/api/v1/casos/${reclamo.id}/respuesta`, { plantillaId: id })).toMatchObject({ status: 200 });
    expect(await send(responsable, 'DELETE', `/api/v1/configuracion/plantillas/${id}`)).toMatchObject({ status: 200, body: { eliminada: false, desactivada: true } });
    expect(await send(responsable, 'GET', `/api/v1/configuracion/plantillas/${id}`)).toMatchObject({ status: 200, body: { plantilla: { activo: false } } });

    const unused = await send(responsable, 'POST', '/api/v1/configuracion/plantillas', { nombre: 'Sin uso', hechos: 'Texto.' });
    expect(await send(responsable, 'DELETE', `/api/v1/configuracion/plantillas/${unused.body.plantilla.id}`)).toMatchObject({ status: 200, body: { eliminada: true } });
    expect(await send(responsable, 'GET', `/api/v1/configuracion/plantillas/${unused.body.plantilla.id}`)).toMatchObject({ status: 404, body: { codigo: 'CONFIGURACION_NOT_FOUND' } });
    expect((await auditOf('plantilla_eliminada')).length).toBe(1);
    expect((await verifyAuditChain(h.dataSource, [entidad.id])).fallas).toEqual([]);
  });
});
