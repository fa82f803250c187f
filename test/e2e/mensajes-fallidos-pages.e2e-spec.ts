import { Queue } from 'bullmq';
import { SendNotificationUseCase } from '@app/notifications';
import { QueueName } from '@app/platform/queue';
import { createTestEntidad, uniqueCode } from '../support/db';
import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { Mensajeria } from '../support/mensajeria';

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('La página no tiene formulario con _csrf');
  return token;
}

describe('Back-office: the failed messages page /admin/mensajes, and «Reenviar» through a real SMTP server', () => {
  let h: BackofficeHarness;
  let mensajeria: Mensajeria;
  let queue: Queue;
  let entidad: Awaited<ReturnType<typeof createTestEntidad>>;
  let asAdmin: SignedIn;
  let asResponsable: SignedIn;
  let asCoordinador: SignedIn;

  const estadoDe = async (id: string) =>
    (await h.dataSource.query<Array<{ estado: string; intentos: number }>>(`SELECT estado, intentos FROM outbox WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    [h, mensajeria] = await Promise.all([startBackofficeApp(), Mensajeria.start()]);
    const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1');
    // The app's own notifications queue (prefix 'reclamos' in the test's Redis database), read to see the resend enqueued.
    queue = new Queue(QueueName.NOTIFICATIONS, { prefix: 'reclamos', connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) } });
    entidad = await createTestEntidad(h.dataSource, uniqueCode('MF'));
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    asAdmin = await signIn(h, admin.email, admin.password);
    asResponsable = await signIn(h, responsable.email, responsable.password);
    asCoordinador = await signIn(h, coordinador.email, coordinador.password);
  });
  afterAll(async () => {
    await queue.close();
    await Promise.all([h.close(), mensajeria.close()]);
  });

  /** An invitation written by the real use case (from the staff page), refused by the test's SMTP server: a `fallido` row. */
  async function invitacionFallida(): Promise<{ id: string; email: string }> {
    const email = `rebota.${uniqueCode('m').toLowerCase()}@pruebas.gob.pe`;
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    expect((await postForm(h, '/personal/invitar', { _csrf: csrf, email, nombre: 'Persona Rebotada', rol: 'oficial' }, asResponsable.cookie)).status).toBe(303);
    const [{ id }] = await h.dataSource.query<Array<{ id: string }>>(`SELECT id FROM outbox WHERE tipo = 'invitacion_personal' AND destinatario = $1`, [email]);
    mensajeria.mailbox.rejected.add(email);
    await mensajeria.get(SendNotificationUseCase).execute({ outboxId: id, lastAttempt: true }).catch(() => undefined);
    expect(await estadoDe(id)).toMatchObject({ estado: 'fallido' });
    return { id, email };
  }

  it('an administrator reaches it from the home page and sees kind, masked recipient, attempts, the reason in plain words and the Lima date', async () => {
    const { id, email } = await invitacionFallida();
    const inicio = await getPage(h, '/inicio', asAdmin.cookie);
    expect(inicio.html).toContain('<a href="/admin/mensajes">Mensajes fallidos</a>');
    const page = await getPage(h, '/admin/mensajes', asAdmin.cookie);
    expect(page.status).toBe(200);
    const row = new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*?/admin/mensajes/${id}/reenviar[\\s\\S]*?</tr>`).exec(page.html)?.[0] ?? '';
    expect(row).toContain('Invitación al personal');
    expect(row).toContain('Sin caso');
    expect(row).toContain('El servidor del destinatario dice que esa dirección de correo no existe.');
    expect(row).toMatch(/<td>1<\/td>/);
    // The Lima date and time, written out (dd/mm/aaaa hh:mm), not only in the machine-readable attribute.
    expect(row).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d\d\/\d\d\/\d{4},? \d\d:\d\d<\/time>/);
    // The address never appears whole: the administrator runs the platform, not the case.
    expect(page.html).not.toContain(email);
    expect(row).toContain(`r${'*'.repeat(email.indexOf('@') - 2)}${email[email.indexOf('@') - 1]}@pruebas.gob.pe`);
  });

  it('should not: the entity\'s staff and coordinators are refused (403), page and resend alike', async () => {
    const { id } = await invitacionFallida();
    for (const who of [asResponsable, asCoordinador]) {
      expect((await getPage(h, '/admin/mensajes', who.cookie)).status).toBe(403);
      expect((await postForm(h, `/admin/mensajes/${id}/reenviar`, { _csrf: who.csrfToken }, who.cookie)).status).toBe(403);
    }
    expect(await estadoDe(id)).toMatchObject({ estado: 'fallido' });
    expect((await getPage(h, '/inicio', asResponsable.cookie)).html).not.toContain('/admin/mensajes');
  });

  it('should not: «Reenviar» without the anti-CSRF token is refused (403); an unknown id is 404', async () => {
    const { id } = await invitacionFallida();
    expect((await postForm(h, `/admin/mensajes/${id}/reenviar`, {}, asAdmin.cookie)).status).toBe(403);
    expect(await estadoDe(id)).toMatchObject({ estado: 'fallido' });
    const csrf = csrfOf((await getPage(h, '/admin/mensajes', asAdmin.cookie)).html);
    expect((await postForm(h, '/admin/mensajes/00000000-0000-4000-8000-000000000000/reenviar', { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
    expect((await postForm(h, '/admin/mensajes/no-es-uuid/reenviar', { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
  });

  it('«Reenviar» puts the row back on the queue with its attempts reset, and it goes out to the SMTP server', async () => {
    const { id, email } = await invitacionFallida();
    const csrf = csrfOf((await getPage(h, '/admin/mensajes', asAdmin.cookie)).html);
    const r = await postForm(h, `/admin/mensajes/${id}/reenviar`, { _csrf: csrf }, asAdmin.cookie);
    expect(r).toMatchObject({ status: 303, location: '/admin/mensajes?aviso=reenviado#aviso' });
    expect(await estadoDe(id)).toEqual({ estado: 'pendiente', intentos: 0 });
    expect(await queue.getJobState(id)).toBe('waiting');
    expect((await getPage(h, '/admin/mensajes?aviso=reenviado', asAdmin.cookie)).html).not.toContain(`/admin/mensajes/${id}/reenviar`);
    // The mailbox now accepts it; the send is the worker's, done here as the worker does it.
    mensajeria.mailbox.rejected.delete(email);
    await mensajeria.get(SendNotificationUseCase).execute({ outboxId: id, lastAttempt: true });
    expect(await estadoDe(id)).toEqual({ estado: 'enviado', intentos: 1 });
    expect(mensajeria.mailbox.received.filter((m) => m.to.includes(email))).toHaveLength(1);
    // Resending what is no longer failed is 404, nothing is sent twice.
    expect((await postForm(h, `/admin/mensajes/${id}/reenviar`, { _csrf: csrf }, asAdmin.cookie)).status).toBe(404);
  });

  it('pages 25 at a time, newest first, with links both ways', async () => {
    const marca = uniqueCode('PAG');
    // Dated after anything else in the table, so these 27 are the first two pages whatever other files add meanwhile.
    await h.dataSource.query(
      `INSERT INTO outbox (entidad_id, tipo, destinatario, datos, estado, intentos, ultimo_error, created_at, updated_at)
       SELECT $1, 'restablecer_password', 'persona' || i || '@pruebas.gob.pe', '{}'::jsonb, 'fallido', 8, $2 || ' ' || i,
              now(), clock_timestamp() + interval '1000 years' + i * interval '1 second'
         FROM generate_series(1, 27) AS i`,
      [entidad.id, `421 ${marca}`],
    );
    const uno = await getPage(h, '/admin/mensajes', asAdmin.cookie);
    expect(uno.html.match(new RegExp(`${marca} `, 'g'))).toHaveLength(25);
    expect(uno.html).toContain(`${marca} 27<`);
    expect(uno.html).toContain('<a href="/admin/mensajes?pagina=2">Página 2 →</a>');
    expect(uno.html).not.toContain('pagina=0');
    const dos = await getPage(h, '/admin/mensajes?pagina=2', asAdmin.cookie);
    expect(dos.html).toContain(`${marca} 2<`);
    expect(dos.html).toContain(`${marca} 1<`);
    expect(dos.html).toContain('<a href="/admin/mensajes?pagina=1">← Página 1</a>');
    expect(dos.html).toContain('El servidor de correo pidió intentarlo más tarde');
    // A bad page number is page 1, never an error.
    expect((await getPage(h, '/admin/mensajes?pagina=-3', asAdmin.cookie)).html).toContain(`${marca} 27<`);
    await h.dataSource.query(`DELETE FROM outbox WHERE ultimo_error LIKE $1`, [`421 ${marca} %`]);
  });
});
