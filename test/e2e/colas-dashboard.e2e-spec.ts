import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { QueueName } from '@app/platform/queue';
import { ColasVigiladas, NOMBRES_DE_COLAS } from '../../apps/backoffice/src/admin/colas-vigiladas';
import { createTestEntidad, uniqueCode } from '../support/db';
import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { waitFor } from '../support/wait-for';

/** The count a state's cell shows in a queue's row of the page. */
function conteo(html: string, cola: string, estado: string): number {
  const fila = new RegExp(`<span class="sub">${cola}</span></th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  const celda = new RegExp(`data-estado="${estado}">(\\d+)<`).exec(fila)?.[1];
  if (celda === undefined) throw new Error(`Sin conteo ${estado} para ${cola}`);
  return Number(celda);
}

describe('Back-office: the queues page /admin/colas (every queue, counts per state, failed jobs, retry), administrators only', () => {
  let h: BackofficeHarness;
  let colas: Queue[];
  let porNombre: Record<string, Queue>;
  let asAdmin: SignedIn;
  let asOficial: SignedIn;
  let asResponsable: SignedIn;
  let asCoordinador: SignedIn;
  let fallidoId: string;
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1');
  const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
  // Queues of this test's own prefix: the counts are this file's jobs only, whatever else runs.
  const prefix = `prueba-colas-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    colas = NOMBRES_DE_COLAS.map((nombre) => new Queue(nombre, { prefix, connection }));
    porNombre = Object.fromEntries(colas.map((q) => [q.name, q]));
    h = await startBackofficeApp(new Date(), { overrides: [{ provide: ColasVigiladas, useValue: new ColasVigiladas(colas) }] });
    const entidad = await createTestEntidad(h.dataSource, uniqueCode('COL'));
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    const responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    asAdmin = await signIn(h, admin.email, admin.password);
    asOficial = await signIn(h, oficial.email, oficial.password);
    asResponsable = await signIn(h, responsable.email, responsable.password);
    asCoordinador = await signIn(h, coordinador.email, coordinador.password);

    // notifications: 2 waiting, 1 delayed; exportaciones: 1 completed, 1 failed (its reason quotes an address).
    const notifications = porNombre[QueueName.NOTIFICATIONS];
    await notifications.add('enviar', { outboxId: randomUUID() });
    await notifications.add('enviar', { outboxId: randomUUID() });
    await notifications.add('enviar', { outboxId: randomUUID() }, { delay: 3_600_000 });
    const exportaciones = porNombre[QueueName.EXPORTACIONES];
    const events = new QueueEvents(QueueName.EXPORTACIONES, { prefix, connection });
    await events.waitUntilReady();
    const worker = new Worker(
      QueueName.EXPORTACIONES,
      async (job) => {
        if (job.data.falla) throw new Error('550 5.1.1 <vecina.rodriguez@example.pe> rechazado\nstack: en algún lugar');
      },
      { prefix, connection },
    );
    const ok = await exportaciones.add('exportar', { exportacionId: randomUUID() });
    const ko = await exportaciones.add('exportar', { exportacionId: randomUUID(), falla: true }, { attempts: 1 });
    fallidoId = String(ko.id);
    await ok.waitUntilFinished(events);
    await expect(ko.waitUntilFinished(events)).rejects.toThrow();
    await worker.close();
    await events.close();
  });
  afterAll(async () => {
    await Promise.all(colas.map((q) => q.obliterate({ force: true }).then(() => q.close())));
    await h.close();
  });

  it('an administrator reaches it from the home page and the menu, and sees every queue with its counts per state', async () => {
    const inicio = await getPage(h, '/inicio', asAdmin.cookie);
    expect(inicio.html).toContain('<a href="/admin/colas">Colas de trabajo</a>');
    expect(inicio.html).toContain('<li><a href="/admin/colas">Colas</a></li>');
    const page = await getPage(h, '/admin/colas', asAdmin.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Colas de trabajo</h1>');
    for (const nombre of Object.values(QueueName)) expect(page.html).toContain(`<span class="sub">${nombre}</span>`);
    expect(conteo(page.html, 'notifications', 'waiting')).toBe(2);
    expect(conteo(page.html, 'notifications', 'delayed')).toBe(1);
    expect(conteo(page.html, 'notifications', 'failed')).toBe(0);
    expect(conteo(page.html, 'exportaciones', 'completed')).toBe(1);
    expect(conteo(page.html, 'exportaciones', 'failed')).toBe(1);
    expect(conteo(page.html, 'deadlines', 'waiting')).toBe(0);
  });

  it('lists the failed job by id, name and reason, one line, with the address masked and no payload', async () => {
    const page = await getPage(h, '/admin/colas', asAdmin.cookie);
    expect(page.html).toMatch(new RegExp(`<code>${fallidoId}</code>[\\s\\S]*?<td>\\d\\d/\\d\\d/\\d{4},? \\d\\d:\\d\\d</td>`));
    expect(page.html).toContain('550 5.1.1 &lt;v**************z@example.pe&gt; rechazado');
    expect(page.html).not.toContain('vecina.rodriguez');
    expect(page.html).not.toContain('stack: en algún lugar');
    expect(page.html).not.toContain('exportacionId');
  });

  it('should not: the entities\' staff and coordinators get 404, as if it did not exist, and no link to it', async () => {
    for (const who of [asOficial, asResponsable, asCoordinador]) {
      expect((await getPage(h, '/admin/colas', who.cookie)).status).toBe(404);
      const r = await postForm(h, `/admin/colas/exportaciones/trabajos/${fallidoId}/reintentar`, { _csrf: who.csrfToken }, who.cookie);
      expect(r.status).toBe(404);
    }
    expect((await getPage(h, '/inicio', asResponsable.cookie)).html).not.toContain('/admin/colas');
    expect(await porNombre[QueueName.EXPORTACIONES].getJobState(fallidoId)).toBe('failed');
  });

  it('should not: without a session a browser is sent to sign in', async () => {
    expect(await getPage(h, '/admin/colas')).toMatchObject({ status: 303, location: '/ingresar' });
  });

  it('should not: a retry without the anti-CSRF token is refused (403), even for an administrator', async () => {
    const r = await postForm(h, `/admin/colas/exportaciones/trabajos/${fallidoId}/reintentar`, {}, asAdmin.cookie);
    expect(r.status).toBe(403);
    expect(await porNombre[QueueName.EXPORTACIONES].getJobState(fallidoId)).toBe('failed');
  });

  it('retries a failed job: back to waiting, the counts follow; an unknown job or queue is 404', async () => {
    const page = await getPage(h, '/admin/colas', asAdmin.cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    expect(page.html).toContain(`action="/admin/colas/exportaciones/trabajos/${fallidoId}/reintentar"`);
    expect((await postForm(h, '/admin/colas/exportaciones/trabajos/no-existe/reintentar', { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
    expect((await postForm(h, `/admin/colas/otra-cola/trabajos/${fallidoId}/reintentar`, { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
    const r = await postForm(h, `/admin/colas/exportaciones/trabajos/${fallidoId}/reintentar`, { _csrf: csrf }, asAdmin.cookie);
    expect(r).toMatchObject({ status: 303, location: '/admin/colas?aviso=reintentado#aviso' });
    await waitFor('el trabajo vuelve a la cola', async () => (await porNombre[QueueName.EXPORTACIONES].getJobState(fallidoId)) === 'waiting', 5_000);
    const despues = await getPage(h, '/admin/colas?aviso=reintentado', asAdmin.cookie);
    expect(despues.html).toContain('El trabajo volvió a la cola.');
    expect(conteo(despues.html, 'exportaciones', 'failed')).toBe(0);
    expect(conteo(despues.html, 'exportaciones', 'waiting')).toBe(1);
    // Retrying what is no longer failed is 404.
    expect((await postForm(h, `/admin/colas/exportaciones/trabajos/${fallidoId}/reintentar`, { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
  });

  it('a failed send job is not retried here (its row is fallido, so the job would skip it): the page points to the failed messages', async () => {
    const notifications = porNombre[QueueName.NOTIFICATIONS];
    const events = new QueueEvents(QueueName.NOTIFICATIONS, { prefix, connection });
    await events.waitUntilReady();
    const marca = randomUUID();
    const worker = new Worker(
      QueueName.NOTIFICATIONS,
      async (job) => {
        if (job.data.outboxId === marca) throw new Error('agotó sus intentos');
      },
      { prefix, connection },
    );
    const job = await notifications.add('enviar', { outboxId: marca }, { attempts: 1 });
    await expect(job.waitUntilFinished(events)).rejects.toThrow();
    await worker.close();
    await events.close();
    const page = await getPage(h, '/admin/colas', asAdmin.cookie);
    expect(page.html).toContain(`<code>${job.id}</code>`);
    expect(page.html).not.toContain(`/admin/colas/notifications/trabajos/${job.id}/reintentar`);
    expect(page.html).toContain('<a href="/admin/mensajes">Reenviar desde mensajes fallidos</a>');
    const r = await postForm(h, `/admin/colas/notifications/trabajos/${job.id}/reintentar`, { _csrf: asAdmin.csrfToken }, asAdmin.cookie);
    expect(r.status).toBe(404);
  });

  it('a signed-out session no longer opens it', async () => {
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const session = await signIn(h, admin.email, admin.password);
    expect((await getPage(h, '/admin/colas', session.cookie)).status).toBe(200);
    const out = await fetch(`${h.baseUrl}/api/v1/sesion`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBeLessThan(300);
    expect((await getPage(h, '/admin/colas', session.cookie)).status).toBe(303);
  });
});
