import { createHash } from 'node:crypto';
import { EstadoReclamo } from '@app/domain';
import { EstadisticasEntidad, EstadisticasNacionales, PublicarDatosAbiertosUseCase, ReconstruirCifrasUseCase } from '@app/medicion';
import { createTestStaff } from '../support/backoffice-harness';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';

const E = EstadoReclamo;
const MARZO = 'desde=2031-03-01&hasta=2031-03-31';

/** Handlebars escapes "=" in attributes; the browser reads it back as is. */
const html = (texto: string) => texto.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/**
 * The entity's March 2031 (clock: 20 April 2031), by hand. Registered Mon 3 Mar; business days counted from Tue 4:
 * - tiempo_espera, virtual: 7 received and notified on 5, 7, 11, 13, 17, 19 and 21 Mar = 2, 4, 6, 8, 10, 12 and 14
 *   business days (median 8, mean 8), all within the law's 30; each answered a survey (general 4, 4, 4, 5, 5, 3, 3).
 * - informacion, virtual: 3 received, open. → hidden (menor_a_5).
 * - resultado, fisico: 5 received, open. → a cell of 5, yet the next-smallest of the aspects: hidden (complementaria).
 * - confianza, virtual: 8 received, open.
 * Totals: 23 received (virtual 18, fisico 5), 7 notified, 7 on time (100 %), one anulado.
 * February: 5 tiempo_espera, virtual, open: every cell 5, all shown.
 */
async function sembrarMarzo(h: CitizenHarness, entidad: EntidadCifras): Promise<string[]> {
  const ids: string[] = [];
  const registro = { registradoEn: enLima('2031-03-03'), fechaRegistro: '2031-03-03', venceEl: '2031-04-14' };
  const generales = [4, 4, 4, 5, 5, 3, 3];
  for (const [i, dia] of ['05', '07', '11', '13', '17', '19', '21'].entries()) {
    const en = enLima(`2031-03-${dia}`);
    ids.push(
      await insertarCaso(h.dataSource, entidad, {
        ...registro, estado: E.NOTIFICADO, aspecto: 'tiempo_espera', notificadoEl: `2031-03-${dia}`,
        movimientos: [
          { de: E.REGISTRADO, a: E.EN_ATENCION, en: new Date(en.getTime() - 7_200_000) },
          { de: E.EN_ATENCION, a: E.RESPONDIDO, en: new Date(en.getTime() - 3_600_000) },
          { de: E.RESPONDIDO, a: E.NOTIFICADO, en },
        ],
        encuesta: { en: enLima('2031-03-25'), general: generales[i], rapidez: 4, claridad: 4, trato: 4, resuelto: i < 5 ? 'si' : 'no' },
      }),
    );
  }
  const abiertos = (n: number, aspecto: string, canal: 'virtual' | 'fisico') =>
    Array.from({ length: n }, () => insertarCaso(h.dataSource, entidad, { ...registro, estado: E.EN_ATENCION, aspecto, canal }));
  ids.push(...(await Promise.all([...abiertos(3, 'informacion', 'virtual'), ...abiertos(5, 'resultado', 'fisico'), ...abiertos(8, 'confianza', 'virtual')])));
  for (let i = 0; i < 5; i += 1) {
    await insertarCaso(h.dataSource, entidad, { registradoEn: enLima('2031-02-03'), fechaRegistro: '2031-02-03', venceEl: '2031-03-17', estado: E.EN_ATENCION });
  }
  await h.dataSource.query(`UPDATE reclamo SET estado = 'anulado' WHERE id = $1`, [ids[ids.length - 1]]);
  await h.dataSource.query(
    `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, ocurrido_en)
     VALUES ($1, $2, 'cambio_estado', 'en_atencion', 'anulado', 'sistema', $3)`,
    [ids[ids.length - 1], entidad.id, enLima('2031-03-28')],
  );
  return ids;
}

/** Personal data and free text nobody may read on a public page, as the privacy test seeds them. */
const PERSONALES = {
  documento: '73918264',
  nombres: 'Zoraida Quispetupa',
  apellidos: 'Huamanchumo Vilcapoma',
  email: 'zoraida.privada.7391@correo-prueba.pe',
  telefono: '987123654',
  direccion: 'Jirón Inventado Privado 4821',
  descripcion: 'Relato confidencial ZXQ-ALFA del reclamo',
  pedido: 'Pedido confidencial ZXQ-BETA',
  hechos: 'Hechos confidenciales ZXQ-GAMMA',
  analisis: 'Análisis confidencial ZXQ-DELTA',
  medidas: 'Medidas confidenciales ZXQ-EPSILON',
  comentario: 'Comentario de encuesta ZXQ-ZETA',
};

describe('public figures and open data, as anyone reads them (real app, DB and Redis)', () => {
  let h: CitizenHarness;
  let propia: EntidadCifras;

  beforeAll(async () => {
    h = await startCitizenApp(enLima('2031-04-20'));
    propia = await crearEntidadCifras(h.dataSource, 'EST');
    const ids = await sembrarMarzo(h, propia);
    // The privacy seed: every notified case of the entity gets a person, an account, an answer and a survey comment.
    const oficial = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: propia.id });
    for (const id of ids.slice(0, 7)) {
      const p = PERSONALES;
      await h.dataSource.query(`UPDATE reclamo SET descripcion = $2, pedido = $3 WHERE id = $1`, [id, p.descripcion, p.pedido]);
      await h.dataSource.query(
        `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, email, telefono, ubigeo, direccion)
         VALUES ($1, 'reclamante', 'DNI', $2, $3, $4, $5, $6, '150101', $7)`,
        [id, p.documento, p.nombres, p.apellidos, p.email, p.telefono, p.direccion],
      );
      await h.dataSource.query(
        `INSERT INTO respuesta (reclamo_id, entidad_id, hechos, analisis, medidas_adoptadas, estado, redactado_por, redactado_en)
         VALUES ($1, $2, $3, $4, $5, 'aprobada', $6, now())`,
        [id, propia.id, p.hechos, p.analisis, p.medidas, oficial.id],
      );
      await h.dataSource.query(`UPDATE encuesta SET comentario = $2 WHERE reclamo_id = $1`, [id, p.comentario]);
    }
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [propia.id] });
  });
  afterAll(async () => {
    await h.close();
  });

  /**
   * The file as served: the last one published. Other files publish too (some before this file's cases were counted),
   * so publish again until the one served holds this entity's rows; fails after ten tries.
   */
  const descargarConLoPropio = async (): Promise<{ status: number; headers: Headers; bytes: Buffer }> => {
    for (let intento = 0; intento < 10; intento += 1) {
      await h.app.get(PublicarDatosAbiertosUseCase).execute();
      const r = await fetch(`${h.baseUrl}/datos-abiertos/reclamos-por-entidad.csv`);
      const bytes = Buffer.from(await r.arrayBuffer());
      if (bytes.toString('utf8').includes(`,${propia.codigo},`)) return { status: r.status, headers: r.headers, bytes };
      await new Promise((listo) => setTimeout(listo, 300));
    }
    throw new Error('the served file never held this entity’s rows');
  };

  const json = async <T = EstadisticasEntidad>(path: string) => {
    const r = await fetch(`${h.baseUrl}${path}`);
    return { status: r.status, body: (await r.json()) as T & { errores?: unknown } };
  };

  it("an entity's March by hand: counts of 5 or more shown, a cell of 3 hidden, its complement hidden, medians and means", async () => {
    const { status, body } = await json(`/api/v1/estadisticas/entidades/${propia.codigo.toLowerCase()}?${MARZO}`);
    expect(status).toBe(200);
    expect(body.entidad).toEqual({ codigo: propia.codigo, nombre: expect.any(String) });
    expect(body.periodo).toEqual({ desde: '2031-03-01', hasta: '2031-03-31' });
    expect(body.resumen).toMatchObject({
      recibidos: 23,
      notificados: 7,
      notificadosEnPlazoLegal: 7,
      enPlazoLegalPct: 100,
      diasHabilesMediana: 8,
      diasHabilesMedia: 8,
      reconducidos: 0,
      trasladados: 0,
      anulados: null,
      reservas: { anulados: 'menor_a_5' },
    });
    // Seven surveys: general (4+4+4+5+5+3+3)/7 = 4.0; 5 of 7 solved = 71.4 %.
    expect(body.resumen.satisfaccion).toEqual({ encuestas: 7, general: 4, rapidez: 4, claridad: 4, trato: 4, resueltoPct: 71.4, reservas: {} });
    // The aspecto × canal table with its margins: informacion (3) hidden; its column (virtual) and the aspects' totals
    // would give it back, so tiempo_espera (7), resultado (5) and then both channels' totals are hidden too.
    const aspecto = (clave: string) => body.porAspecto.find((f) => f.clave === clave);
    expect(aspecto('informacion')).toMatchObject({ recibidos: null, notificados: 0, reservas: { recibidos: 'menor_a_5' } });
    expect(aspecto('tiempo_espera')).toMatchObject({ recibidos: null, notificados: 7, notificadosEnPlazoLegal: 7, enPlazoLegalPct: 100, reservas: { recibidos: 'complementaria' } });
    expect(aspecto('resultado')).toMatchObject({ recibidos: null, reservas: { recibidos: 'complementaria' } });
    expect(aspecto('confianza')).toMatchObject({ recibidos: 8, reservas: {} });
    expect(aspecto('acceso')).toMatchObject({ recibidos: 0, enPlazoLegalPct: null, reservas: {} });
    // The aspects in the law's order, whatever their size.
    expect(body.porAspecto.map((f) => f.clave)).toEqual(['trato_profesional', 'informacion', 'tiempo_espera', 'acceso', 'resultado', 'confianza']);
    expect(body.porCanal).toEqual([
      expect.objectContaining({ clave: 'virtual', etiqueta: 'Libro virtual', recibidos: null, notificados: 7, reservas: { recibidos: 'complementaria' } }),
      expect.objectContaining({ clave: 'fisico', etiqueta: 'Libro físico', recibidos: null, notificados: 0, reservas: { recibidos: 'complementaria' } }),
    ]);
    expect(body.porMes).toEqual([{ mes: '2031-03', recibidos: 23, notificados: 7, notificadosEnPlazoLegal: 7, reservas: {} }]);

    // February: a cell of 5 is shown everywhere.
    const febrero = (await json(`/api/v1/estadisticas/entidades/${propia.codigo}?desde=2031-02-01&hasta=2031-02-28`)).body;
    expect(febrero.resumen).toMatchObject({ recibidos: 5, notificados: 0, enPlazoLegalPct: null, reservas: {} });
    expect(febrero.porAspecto.find((f) => f.clave === 'tiempo_espera')).toMatchObject({ recibidos: 5, reservas: {} });
    expect(febrero.porCanal[0]).toMatchObject({ clave: 'virtual', recibidos: 5, reservas: {} });
  });

  it('the default period is the last 12 closed months; bad or oversized periods are a 422 naming the field; unknown entity 404', async () => {
    const defecto = await json(`/api/v1/estadisticas/entidades/${propia.codigo}`);
    expect(defecto.body.periodo).toEqual({ desde: '2030-04-01', hasta: '2031-03-31' });
    expect(defecto.body.porMes).toHaveLength(12);
    for (const [query, campo] of [
      ['desde=2031-03-05&hasta=2031-03-31', 'desde'],
      ['desde=2031-03-01&hasta=2031-04-30', 'hasta'],
      ['desde=2027-01-01&hasta=2031-03-31', 'desde'],
      ['desde=marzo', 'desde'],
    ]) {
      const malo = await json(`/api/v1/estadisticas/nacional?${query}`);
      expect(malo.status).toBe(422);
      expect(malo.body.errores).toEqual([{ campo, mensaje: expect.stringMatching(/^[a-zá-úñ ]/) }]);
    }
    expect((await json('/api/v1/estadisticas/entidades/NOEXISTE99')).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/estadisticas/entidades/NOEXISTE99`)).status).toBe(404);
    const pagina = await fetch(`${h.baseUrl}/estadisticas?desde=2031-03-05`);
    expect(pagina.status).toBe(422);
    expect(await pagina.text()).toContain('Desde: las cifras públicas van por meses completos');
  });

  it("the country's figures hold at least this entity's, and its row in the ranking links to its page", async () => {
    const { body } = await json<EstadisticasNacionales>(`/api/v1/estadisticas/nacional?${MARZO}`);
    expect(body.resumen.recibidos).toBeGreaterThanOrEqual(23);
    const fila = body.entidades.find((e) => e.codigo === propia.codigo)!;
    // Its counts are cells of the country's totals: shown, or hidden as another entity's complement.
    expect(fila.recibidos === 23 || fila.reservas.recibidos === 'complementaria').toBe(true);
    expect(fila.enPlazoLegalPct === 100 || fila.reservas.enPlazoLegalPct === 'complementaria').toBe(true);

    const pagina = await fetch(`${h.baseUrl}/estadisticas?${MARZO}`);
    expect(pagina.status).toBe(200);
    const texto = html(await pagina.text());
    const enlaces = [...texto.matchAll(/<th scope="row"><a href="(\/estadisticas\/entidades\/[^"]+)">/g)].map((m) => m[1]);
    const propio = enlaces.find((e) => e.startsWith(`/estadisticas/entidades/${propia.codigo}?`));
    expect(propio).toBe(`/estadisticas/entidades/${propia.codigo}?desde=2031-03-01&hasta=2031-03-31`);
    for (const enlace of enlaces.slice(0, 5).concat(propio!)) expect((await fetch(`${h.baseUrl}${enlace}`)).status).toBe(200);
    const suya = html(await (await fetch(`${h.baseUrl}${propio!}`)).text());
    expect(suya).toContain('<dt>Reclamos recibidos</dt><dd>23</dd>');
    expect(suya).toContain('<th scope="row">Información</th><td class="num">&lt;5</td>');
    expect(suya).toContain('<th scope="row">Resultado del servicio</th><td class="num">reservado</td>');
    expect(suya).toContain('<th scope="row">Confianza en la entidad</th><td class="num">8</td>');
    expect(suya.match(/<svg role="img" aria-labelledby="g-[a-z-]+-titulo"/g)).toHaveLength(4);
  });

  it('the home page and the footer link the public pages, and the links open', async () => {
    const inicio = await (await fetch(`${h.baseUrl}/`)).text();
    for (const enlace of ['/estadisticas', '/datos-abiertos']) {
      expect(inicio).toContain(`<a href="${enlace}">`);
      expect(inicio.split(`<footer`)[1]).toContain(`<a href="${enlace}">`);
    }
    expect((await fetch(`${h.baseUrl}/estadisticas`)).status).toBe(200);
  });

  it('the open-data file: published by the job, linked from the schema page, with ETag, Last-Modified and the suppression flags', async () => {
    const archivo = await h.app.get(PublicarDatosAbiertosUseCase).execute();
    expect(archivo.ultimoMes! >= '2031-03').toBe(true);
    const esquema = await fetch(`${h.baseUrl}/datos-abiertos`);
    expect(esquema.status).toBe(200);
    const pagina = html(await esquema.text());
    expect(pagina).toContain('Open Data Commons Attribution License (ODC-BY 1.0)');
    for (const columna of ['mes', 'entidad_codigo', 'mediana_dias_habiles_notificacion', 'celdas_reservadas']) expect(pagina).toContain(`<dt>${columna}</dt>`);
    const enlace = /<a href="([^"]+\.csv)" download>/.exec(pagina)?.[1];
    expect(enlace).toBe('/datos-abiertos/reclamos-por-entidad.csv');

    const r = await descargarConLoPropio();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="reclamos-por-entidad.csv"');
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = r.bytes;
    expect(etag).toBe(`"${createHash('sha256').update(bytes).digest('hex')}"`);
    expect(Date.parse(r.headers.get('last-modified')!)).not.toBeNaN();
    expect(bytes[0]).toBe('m'.charCodeAt(0)); // no BOM
    const lineas = bytes.toString('utf8').split('\r\n');
    expect(lineas[0]).toBe('mes,entidad_codigo,entidad_nombre,aspecto,canal,recibidos,notificados,notificados_en_plazo_legal,mediana_dias_habiles_notificacion,celdas_reservadas');
    const propias = lineas.filter((l) => l.includes(`,${propia.codigo},`)).map((l) => l.split(','));
    // The same table as the March page's: the same cells hidden, the same reasons.
    const fila = (mes: string, aspecto: string) => propias.find((c) => c[0] === mes && c[3] === aspecto)!.slice(4);
    expect(fila('2031-03', 'informacion')).toEqual(['virtual', '', '0', '0', '', 'recibidos:menor_a_5']);
    expect(fila('2031-03', 'tiempo_espera')).toEqual(['virtual', '', '7', '7', '8', 'recibidos:complementaria']);
    expect(fila('2031-03', 'resultado')).toEqual(['fisico', '', '0', '0', '', 'recibidos:complementaria']);
    expect(fila('2031-03', 'confianza')).toEqual(['virtual', '8', '0', '0', '', '']);
    expect(fila('2031-02', 'tiempo_espera')).toEqual(['virtual', '5', '0', '0', '', '']);
    expect(propias).toHaveLength(5);

    // Unchanged since: 304 with no body (unless another file was published in between, with another tag).
    const otraVez = await fetch(`${h.baseUrl}${enlace}`, { headers: { 'if-none-match': etag } });
    expect(otraVez.status === 304 ? await otraVez.text() : otraVez.headers.get('etag') !== etag).toBe(otraVez.status === 304 ? '' : true);
  });

  it('privacy: no public page, JSON or file shows any personal datum or free text of the seeded cases', async () => {
    await h.app.get(PublicarDatosAbiertosUseCase).execute();
    const c = propia.codigo;
    const paginas = [
      '/', '/estadisticas', `/estadisticas?${MARZO}`, `/estadisticas/entidades/${c}`, `/estadisticas/entidades/${c}?${MARZO}`,
      `/api/v1/estadisticas/nacional?${MARZO}`, `/api/v1/estadisticas/entidades/${c}?${MARZO}`, '/api/v1/estadisticas/nacional',
      '/datos-abiertos', '/datos-abiertos/reclamos-por-entidad.csv',
    ];
    for (const pagina of paginas) {
      const r = await fetch(`${h.baseUrl}${pagina}`);
      expect({ pagina, status: r.status }).toEqual({ pagina, status: 200 });
      const texto = (await r.text()).toLowerCase();
      for (const [campo, valor] of Object.entries(PERSONALES)) {
        // The whole value, and each distinctive part of it (a name, the ZXQ marks; not the common words around them).
        for (const parte of [valor, ...valor.split(' ').filter((p) => /^[A-Z][a-z]{6,}$|ZXQ/.test(p) && !/^(Relato|Pedido|Hechos|Medidas|Comentario)$/.test(p))]) {
          expect({ pagina, campo, aparece: texto.includes(parte.toLowerCase()) }).toEqual({ pagina, campo, aparece: false });
        }
      }
    }
  });
});
