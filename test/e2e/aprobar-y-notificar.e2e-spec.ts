import { ENCUESTA_EN_VISTA_PREVIA } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo, reclamoFingerprint } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { api, BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp, TEST_PASSWORD } from '../support/backoffice-harness';
import { Mensajeria } from '../support/mensajeria';
import { bodyOf, subjectOf } from '../support/smtp-mailbox';

/** The text of an HTML fragment as the browser shows it (Handlebars' escapes undone). */
function unescapeHtml(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The case page's approval (issue 13): beside the answer it approves, with the e-mail the citizen will
 * receive; «Aprobar y notificar» approves, marks respondido and sends, each step audited, and the reclamo
 * is «notificado» only when this test's SMTP server accepts the message, whose text is the preview's.
 * With the entity's setting off the steps stay separate. The assign form comes back with the current
 * assignee, and after an error with what was chosen. Everything here is this file's own entity.
 */
describe('Case page: approve beside the answer, preview of the e-mail, approve and notify in one step', () => {
  let h: BackofficeHarness;
  let mensajeria: Mensajeria;
  let entidad: { id: string; codigo: string; unidadId: string };
  let responsable: SignedIn;
  let oficial: { id: string };
  let otra: SignedIn;

  beforeAll(async () => {
    // The real day: the sender's loader dates the e-mail with its clock (the same one here) and the
    // acceptance is dated by the database's clock, so both must be today.
    h = await startBackofficeApp(new Date());
    mensajeria = await Mensajeria.start(h.clock);
    entidad = await createTestEntidad(h.dataSource, uniqueCode('AYN'));
    const ajena = await createTestEntidad(h.dataSource, uniqueCode('AYX'));
    const staff = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const staffAjeno = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: ajena.id });
    oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    responsable = await signIn(h, staff.email, TEST_PASSWORD);
    otra = await signIn(h, staffAjeno.email, TEST_PASSWORD);
    expect([responsable.status, otra.status]).toEqual([200, 200]);
  });
  afterAll(async () => {
    await mensajeria.close();
    await h.close();
  });

  const TEXTOS = {
    hechos: 'El 10 de noviembre esperó 3 horas en la sede central & no recibió "ticket" de atención.',
    analisis: 'El sistema de turnos falló <ese día>; el personal no ofreció otra forma de atención.',
    medidas: 'Se reparó el sistema de turnos.\nSe capacitó al personal de orientación.',
  };

  async function porAprobar(email: string, notificacionEmail = true) {
    return insertReclamo(h.dataSource, entidad, {
      estado: EstadoReclamo.EN_ATENCION,
      respuesta: 'pendiente_aprobacion',
      textosRespuesta: TEXTOS,
      asignadoA: oficial.id,
      email,
      notificacionEmail,
    });
  }

  const preview = (html: string) => {
    const match = /<pre class="email-preview"[^>]*>([^]*?)<\/pre>/.exec(html);
    return match ? unescapeHtml(match[1]) : null;
  };

  async function eventos(reclamoId: string) {
    const timeline: Array<{ tipo: string; estado: string | null; accion: string | null }> = await h.dataSource.query(
      `SELECT tipo, estado_nuevo AS estado, datos->>'accion' AS accion FROM reclamo_evento WHERE reclamo_id = $1 ORDER BY ocurrido_en, id`,
      [reclamoId],
    );
    const auditoria: Array<{ accion: string }> = await h.dataSource.query(
      `SELECT accion FROM auditoria WHERE reclamo_id = $1 ORDER BY id`,
      [reclamoId],
    );
    return { timeline, auditoria: auditoria.map((a) => a.accion) };
  }

  it('shows the approval under the answer with the e-mail preview, and «Aprobar y notificar» sends exactly that e-mail', async () => {
    const email = `ciudadana.${uniqueCode('a').toLowerCase()}@example.pe`;
    const reclamo = await porAprobar(email);
    const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
    expect(page.status).toBe(200);
    // The answer and its approval come first, before the hoja: the text and the button it approves are together.
    const respuesta = page.html.indexOf('id="respuesta-titulo"');
    const aprobar = page.html.indexOf(`action="/casos/${reclamo.id}/aprobar-y-notificar"`);
    expect(respuesta).toBeGreaterThan(0);
    expect(aprobar).toBeGreaterThan(respuesta);
    expect(page.html.indexOf('id="hoja-titulo"')).toBeGreaterThan(aprobar);
    expect(page.html).toContain('>Aprobar y notificar</button>');
    expect(page.html).toContain('>Solo aprobar</button>');
    // The preview: to whom, the subject and the text the sender renders (escaped in the page, not interpreted).
    expect(page.html).toContain(`<dd>${email}</dd>`);
    expect(page.html).toContain('El sistema de turnos falló &lt;ese día&gt;');
    const texto = preview(page.html);
    expect(texto).toContain(`RESPUESTA A SU RECLAMO ${reclamo.codigo}`);
    expect(texto).toContain(TEXTOS.hechos);
    expect(texto).toContain('- Se reparó el sistema de turnos.\n- Se capacitó al personal de orientación.');
    expect(texto).toContain(ENCUESTA_EN_VISTA_PREVIA);
    const asunto = unescapeHtml(/<dt>Asunto<\/dt><dd>([^<]*)<\/dd>/.exec(page.html)![1]);

    const sent = await postForm(h, `/casos/${reclamo.id}/aprobar-y-notificar`, { _csrf: responsable.csrfToken }, responsable.cookie);
    expect(sent).toMatchObject({ status: 303, location: `/casos/${reclamo.id}?aviso=aprobar-y-notificar#aviso` });
    const [after]: Array<{ estado: string; respuesta: string; notificado_el: string | null }> = await h.dataSource.query(
      `SELECT r.estado, x.estado AS respuesta, r.notificado_el::text FROM reclamo r JOIN respuesta x ON x.reclamo_id = r.id WHERE r.id = $1`,
      [reclamo.id],
    );
    // Approved and sent, not notified yet: only the server's acceptance notifies.
    expect(after).toEqual({ estado: EstadoReclamo.NOTIFICACION_EN_CURSO, respuesta: 'aprobada', notificado_el: null });
    const pasos = await eventos(reclamo.id);
    expect(pasos.timeline).toEqual([
      { tipo: 'respuesta_aprobada', estado: null, accion: null },
      { tipo: 'cambio_estado', estado: EstadoReclamo.RESPONDIDO, accion: 'respondido' },
      { tipo: 'cambio_estado', estado: EstadoReclamo.NOTIFICACION_EN_CURSO, accion: 'notificacion_en_curso' },
    ]);
    expect(pasos.auditoria).toEqual(['respuesta_aprobada', 'respondido', 'notificacion_en_curso']);
    const notice = await getPage(h, `/casos/${reclamo.id}?aviso=aprobar-y-notificar`, responsable.cookie);
    expect(notice.html).toContain('La respuesta quedó aprobada y se está enviando por correo.');

    // The worker's send against this test's SMTP server.
    const antes = mensajeria.mailbox.received.length;
    const [envio] = await mensajeria.enviar([reclamo.id], 'respuesta');
    expect(envio.resultado).toMatchObject({ estado: 'enviado' });
    const mails = mensajeria.mailbox.received.slice(antes).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    const [{ estado, notificado_el }]: Array<{ estado: string; notificado_el: string }> = await h.dataSource.query(
      `SELECT estado, notificado_el::text FROM reclamo WHERE id = $1`,
      [reclamo.id],
    );
    expect({ estado, notificado_el }).toEqual({ estado: EstadoReclamo.NOTIFICADO, notificado_el: limaDateOf(new Date()) });
    // What arrived is the preview, word for word; only the survey's personal link stands in for the placeholder.
    const recibido = bodyOf(mails[0]);
    const encuesta = /^(https?:\/\/\S*\/encuesta\S*)$/m.exec(recibido)?.[1];
    expect(encuesta).toMatch(/[?&]t=[\w-]{16,}/);
    expect(recibido.trim()).toBe(texto!.replace(ENCUESTA_EN_VISTA_PREVIA, encuesta!).trim());
    expect(subjectOf(mails[0])).toBe(asunto);
  });

  it('an answer already approved offers «Marcar respondido y notificar»; the JSON API does the same in one call', async () => {
    const email = `ciudadano.${uniqueCode('b').toLowerCase()}@example.pe`;
    const reclamo = await porAprobar(email);
    await h.dataSource.query(`UPDATE respuesta SET estado = 'aprobada' WHERE reclamo_id = $1`, [reclamo.id]);
    const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
    expect(page.html).toContain('>Marcar respondido y notificar</button>');
    expect(page.html).toContain('>Solo marcar respondido</button>');
    // Another entity's responsable: the same 404 as a missing case, nothing changed.
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const ajeno = await api(h, 'POST', `/api/v1/casos/${reclamo.id}/respuesta/aprobar-y-notificar`, { cookie: otra.cookie, csrf: otra.csrfToken });
    expect(ajeno.status).toBe(404);
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
    const res = await api(h, 'POST', `/api/v1/casos/${reclamo.id}/respuesta/aprobar-y-notificar`, { cookie: responsable.cookie, csrf: responsable.csrfToken });
    expect(res).toMatchObject({ status: 200, body: { aprobada: false, estado: EstadoReclamo.NOTIFICACION_EN_CURSO } });
    expect((await eventos(reclamo.id)).auditoria).toEqual(['respondido', 'notificacion_en_curso']);
  });

  it('without consent to e-mail there is no one-step action (the delivery needs its proof), and a forged POST changes nothing', async () => {
    const reclamo = await porAprobar(`sin.correo.${uniqueCode('c').toLowerCase()}@example.pe`, false);
    const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
    expect(page.html).not.toContain('aprobar-y-notificar');
    expect(page.html).toContain('>Aprobar la respuesta</button>');
    expect(preview(page.html)).toBeNull();
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const posted = await postForm(h, `/casos/${reclamo.id}/aprobar-y-notificar`, { _csrf: responsable.csrfToken }, responsable.cookie);
    expect(posted.status).toBe(409);
    expect(posted.html).toContain('El ciudadano no aceptó el correo');
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
  });

  it('with the setting off: the preview stays, the steps are separate (approve, respondido, notify), the one-step POST is refused', async () => {
    const cambio = await api(h, 'PATCH', '/api/v1/configuracion', { cookie: responsable.cookie, csrf: responsable.csrfToken, body: { aprobarYNotificar: false } });
    expect(cambio).toMatchObject({ status: 200, body: { aprobarYNotificar: false } });
    const config = await getPage(h, '/configuracion', responsable.cookie);
    expect(config.html).toMatch(/id="ajustes-unpaso-no" name="aprobarYNotificar" value="no" checked/);
    try {
      const email = `separado.${uniqueCode('d').toLowerCase()}@example.pe`;
      const reclamo = await porAprobar(email);
      const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
      expect(page.html).not.toContain('aprobar-y-notificar');
      expect(page.html).toContain('>Aprobar la respuesta</button>');
      expect(preview(page.html)).toContain(TEXTOS.analisis);
      const before = await reclamoFingerprint(h.dataSource, reclamo.id);
      const refused = await postForm(h, `/casos/${reclamo.id}/aprobar-y-notificar`, { _csrf: responsable.csrfToken }, responsable.cookie);
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('pasos separados');
      expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);

      expect(await postForm(h, `/casos/${reclamo.id}/aprobar`, { _csrf: responsable.csrfToken }, responsable.cookie)).toMatchObject({ status: 303 });
      const aprobada = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
      expect(aprobada.html).toContain('>Marcar respondido</button>');
      expect(await postForm(h, `/casos/${reclamo.id}/responder`, { _csrf: responsable.csrfToken }, responsable.cookie)).toMatchObject({ status: 303 });
      const respondido = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
      expect(respondido.html).toContain('>Notificar por correo electrónico</button>');
      expect(preview(respondido.html)).toContain(TEXTOS.hechos);
      const notificar = await api(h, 'POST', `/api/v1/casos/${reclamo.id}/notificar`, { cookie: responsable.cookie, csrf: responsable.csrfToken, body: {} });
      expect(notificar).toMatchObject({ status: 200, body: { estado: EstadoReclamo.NOTIFICACION_EN_CURSO, medio: 'email' } });
      expect((await eventos(reclamo.id)).auditoria).toEqual(['respuesta_aprobada', 'respondido', 'notificacion_en_curso']);
    } finally {
      await api(h, 'PATCH', '/api/v1/configuracion', { cookie: responsable.cookie, csrf: responsable.csrfToken, body: { aprobarYNotificar: true } });
    }
  });

  it('the assign form comes back with the current unit and officer, and after an error with what was chosen', async () => {
    const reclamo = await insertReclamo(h.dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: oficial.id });
    await h.dataSource.query(`UPDATE reclamo SET unidad_id = $2 WHERE id = $1`, [reclamo.id, entidad.unidadId]);
    const selected = (html: string, id: string) => new RegExp(`<select id="${id}"(?:(?!</select>)[^])*?<option value="([^"]*)" selected`).exec(html)?.[1];
    const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
    expect(selected(page.html, 'asignar-oficialId')).toBe(oficial.id);
    expect(selected(page.html, 'asignar-unidadId')).toBe(entidad.unidadId);

    // An officer of another entity is refused: the page comes back with the choice and the error, nothing changed.
    await h.dataSource.query(`UPDATE reclamo SET unidad_id = NULL WHERE id = $1`, [reclamo.id]);
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const wrong = await postForm(
      h,
      `/casos/${reclamo.id}/asignar`,
      { _csrf: responsable.csrfToken, unidadId: entidad.unidadId, oficialId: '00000000-0000-4000-8000-000000000000', motivo: 'Revisar con urgencia' },
      responsable.cookie,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('Oficial: elija un oficial activo de su entidad');
    expect(selected(wrong.html, 'asignar-unidadId')).toBe(entidad.unidadId);
    expect(wrong.html).toContain('value="Revisar con urgencia"');
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
  });
});
