import { createHash } from 'node:crypto';
import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { auditoriaDe, csvDe, enviarCsv, entidadesConCodigos, FilaCsv, filasValidas } from '../support/registro';

jest.setTimeout(180_000);

const API = '/api/v1/entidades/importacion';

describe('importing entities from a CSV: dry run, all or nothing, 5,000 rows (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let coordinador: TestStaff;
  let asCoordinador: SignedIn;
  let asResponsable: SignedIn;
  /** RUC block of this file (see rucsLibres). */
  const DIGITO = 5;

  const trail = async () => (await auditoriaDe(h.dataSource, coordinador.id)).filter((a) => a.accion === 'entidades_importadas');

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    const propia = await createTestEntidad(h.dataSource, uniqueCode('IMP'));
    const responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: propia.id });
    [asCoordinador, asResponsable] = await Promise.all([signIn(h, coordinador.email, coordinador.password), signIn(h, responsable.email, responsable.password)]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('a valid file: the dry run lists nothing and writes nothing; the import writes every row and its trail (file hash, rows)', async () => {
    const filas = await filasValidas(h.dataSource, DIGITO, 3);
    filas[1] = { ...filas[1], nombre: 'Ministerio de Prueba, con coma', tipo: 'Ministerio', nivel_gobierno: 'Nacional', sector: 'Pruebas', tramo: 'Tramo II' };
    filas[2] = { ...filas[2], tipo: 'organismo_publico', nivel_gobierno: 'regional', ubigeo: '40101', tramo: '1' };
    const archivo = csvDe(filas);
    const simulado = await enviarCsv(h, `${API}?simular=true`, asCoordinador, archivo);
    expect(simulado).toMatchObject({ status: 200, body: { simulada: true, filas: 3, validas: 3, errores: [], creadas: 0, importacionId: null, separador: ',' } });
    expect(await entidadesConCodigos(h.dataSource, filas.map((f) => f.codigo))).toBe(0);
    expect(await trail()).toEqual([]);

    const importado = await enviarCsv(h, `${API}?simular=false`, asCoordinador, archivo);
    const sha256 = createHash('sha256').update(archivo).digest('hex');
    expect(importado).toMatchObject({ status: 201, body: { simulada: false, filas: 3, creadas: 3, errores: [], archivoSha256: sha256, importacionId: expect.any(String) } });
    const creadas: Array<{ codigo: string; tramo_id: number; tramo_manual: boolean; ubigeo: string; activo: boolean }> = await h.dataSource.query(
      `SELECT codigo, tramo_id, tramo_manual, ubigeo, activo FROM entidad WHERE codigo = ANY($1::text[]) ORDER BY codigo`,
      [filas.map((f) => f.codigo)],
    );
    expect(creadas).toEqual([
      { codigo: filas[0].codigo, tramo_id: 4, tramo_manual: false, ubigeo: '150101', activo: true },
      { codigo: filas[1].codigo, tramo_id: 2, tramo_manual: true, ubigeo: '150101', activo: true },
      // The tramo its kind has anyway: not "by hand"; the ubigeo's lost leading zero restored.
      { codigo: filas[2].codigo, tramo_id: 1, tramo_manual: false, ubigeo: '040101', activo: true },
    ]);
    const [registro] = await trail();
    expect(registro).toMatchObject({ entidad_id: null, ip: expect.any(String), detalle: { archivoSha256: sha256, bytes: archivo.length, filas: 3, creadas: 3, codigos: filas.map((f) => f.codigo) } });

    // The same file again: every row now clashes with the registry, and nothing more is written.
    const otraVez = await enviarCsv(h, `${API}?simular=false`, asCoordinador, archivo);
    expect(otraVez.status).toBe(422);
    expect(otraVez.body.errores).toHaveLength(6);
    expect(otraVez.body.errores[0]).toEqual({ campo: 'codigo', fila: 2, columna: 'codigo', mensaje: `ya existe una entidad con el código ${filas[0].codigo} (${filas[0].nombre})` });
    expect(await trail()).toHaveLength(1);
  });

  it('bad rows, duplicate codes and RUCs, a wrong check digit, a wrong ubigeo: every problem with its row and column; one bad row and nothing is written', async () => {
    const filas = await filasValidas(h.dataSource, DIGITO, 8);
    const malas: FilaCsv[] = [
      filas[0],
      { ...filas[1], ruc: `${filas[1].ruc.slice(0, 10)}${(Number(filas[1].ruc[10]) + 1) % 10}` },
      { ...filas[2], ubigeo: '150199' },
      { ...filas[3], codigo: filas[0].codigo },
      { ...filas[4], ruc: filas[0].ruc },
      { ...filas[5], codigo: 'MINEDU' },
      { ...filas[6], tipo: 'banco', tramo: '9999', nombre: '' },
      filas[7],
    ];
    const archivo = csvDe(malas);
    const simulado = await enviarCsv(h, API, asCoordinador, archivo);
    expect(simulado.status).toBe(200);
    expect(simulado.body).toMatchObject({ simulada: true, filas: 8, validas: 2 });
    expect((simulado.body.errores as Array<{ fila: number; columna: string; mensaje: string }>).map((e) => [e.fila, e.columna, e.mensaje])).toEqual([
      [3, 'ruc', `«${malas[1].ruc}»: el RUC no es válido: el dígito verificador no coincide`],
      [4, 'ubigeo', '150199 no es un distrito del INEI; revise el código (por ejemplo, 150101 es Lima / Lima / Lima)'],
      [5, 'codigo', `el código ${filas[0].codigo} ya aparece en la fila 2 del archivo`],
      [6, 'ruc', `el RUC ${filas[0].ruc} ya aparece en la fila 2 del archivo`],
      [7, 'codigo', 'ya existe una entidad con el código MINEDU (Ministerio de Educación)'],
      [8, 'nombre', 'escriba el nombre oficial de la entidad (al menos 3 caracteres)'],
      [8, 'tipo', expect.stringContaining('«banco» no es un tipo de entidad')],
      [8, 'tramo', expect.stringContaining('no existe el tramo 9999')],
    ]);

    const importado = await enviarCsv(h, `${API}?simular=false`, asCoordinador, archivo);
    expect(importado).toMatchObject({ status: 422, body: { codigo: 'VALIDATION_FAILED', mensaje: 'El archivo tiene 8 problema(s): no se importó ninguna entidad.' } });
    // The same list (the tramo's message names the tramos that exist, and other files may add one meanwhile).
    const mismos = (simulado.body.errores as Array<{ columna: string }>).map((e): unknown => (e.columna === 'tramo' ? { ...e, mensaje: expect.stringContaining('no existe el tramo 9999') } : e));
    expect(importado.body.errores).toEqual(mismos);
    expect(await entidadesConCodigos(h.dataSource, filas.map((f) => f.codigo))).toBe(0);
  });

  it('reads a file as Excel saves it in Spanish: BOM, semicolons, CRLF, quoted fields, accents kept', async () => {
    const [fila] = await filasValidas(h.dataSource, DIGITO, 1);
    const conTildes = { ...fila, nombre: 'Municipalidad Distrital de Ñuñoa; Año "2026"', sector: 'Gobiernos locales' };
    const archivo = csvDe([conTildes], { sep: ';', bom: true });
    expect(archivo.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const importado = await enviarCsv(h, `${API}?simular=false`, asCoordinador, archivo);
    expect(importado).toMatchObject({ status: 201, body: { separador: ';', creadas: 1 } });
    const [{ nombre }]: Array<{ nombre: string }> = await h.dataSource.query(`SELECT nombre FROM entidad WHERE codigo = $1`, [fila.codigo]);
    expect(nombre).toBe('Municipalidad Distrital de Ñuñoa; Año "2026"');
  });

  it('refuses what is not a CSV of the registry, in Spanish, naming the file', async () => {
    const latin1 = Buffer.concat([Buffer.from('nombre,codigo,ruc,tipo,nivel_gobierno,sector,ubigeo,tramo\r\nMunicipalidad de Ca'), Buffer.from([0xf1]), Buffer.from('ete,X1,1,2,3,4,5,6\r\n')]);
    expect((await enviarCsv(h, API, asCoordinador, latin1)).body.errores).toEqual([{ campo: 'archivo', fila: null, columna: null, mensaje: expect.stringContaining('no está en UTF-8') }]);
    expect((await enviarCsv(h, API, asCoordinador, Buffer.from('nombre;codigo\r\nA;B\r\n'))).body.errores).toEqual([
      { campo: 'archivo', fila: 1, columna: null, mensaje: 'faltan las columnas ruc, tipo, nivel_gobierno, sector, ubigeo, tramo en la primera fila' },
    ]);
    const sinArchivo = await fetch(`${h.baseUrl}${API}`, {
      method: 'POST',
      headers: { cookie: asCoordinador.cookie, 'x-csrf-token': asCoordinador.csrfToken, 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
    expect(sinArchivo.status).toBe(422);
    expect(await sinArchivo.json()).toMatchObject({ errores: [{ campo: 'archivo' }] });
    expect((await enviarCsv(h, `${API}?simular=quizas`, asCoordinador, Buffer.from('x'))).body).toMatchObject({ errores: [{ campo: 'simular' }] });
    // Entity staff: refused before the file is read.
    expect((await enviarCsv(h, API, asResponsable, csvDe(await filasValidas(h.dataSource, DIGITO, 1)))).status).toBe(403);
  });

  it('5,000 rows: the page streams the dry run with its progress, then imports them all in under 30 s', async () => {
    const filas = await filasValidas(h.dataSource, DIGITO, 5000, 'IG');
    const archivo = csvDe(filas, { sep: ';', bom: true });
    const form = new FormData();
    form.append('_csrf', asCoordinador.csrfToken);
    form.append('accion', 'simular');
    form.append('archivo', new Blob([archivo], { type: 'text/csv' }), 'cinco-mil.csv');

    const inicioRevision = Date.now();
    const respuesta = await fetch(`${h.baseUrl}/entidades/importar`, { method: 'POST', headers: { cookie: asCoordinador.cookie, accept: 'text/html' }, body: form });
    expect(respuesta.status).toBe(200);
    expect(respuesta.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(respuesta.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Read as it arrives: the top of the page comes before the rows are checked, the result after.
    const partes: string[] = [];
    const lector = respuesta.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let parte = await lector.read(); !parte.done; parte = await lector.read()) partes.push(parte.value);
    const msRevision = Date.now() - inicioRevision;
    const html = partes.join('');
    const primeraConAvance = partes.findIndex((p) => p.includes('<progress'));
    const primeraConResultado = partes.findIndex((p) => p.includes('El archivo no tiene problemas'));
    expect(partes[0]).toContain('<h1>Revisión de cinco-mil.csv</h1>');
    expect(primeraConAvance).toBeGreaterThanOrEqual(0);
    expect(primeraConResultado).toBeGreaterThan(primeraConAvance);
    expect(html.match(/<progress /g)!.length).toBeGreaterThanOrEqual(11);
    expect(html).toContain('Filas revisadas: 5,000 de 5,000');
    expect(html).toContain('<button type="submit">Importar las 5,000 entidades</button>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(await entidadesConCodigos(h.dataSource, filas.map((f) => f.codigo))).toBe(0);

    const clave = /name="clave" value="([0-9a-f-]{36})"/.exec(html)![1];
    const inicioImportacion = Date.now();
    const importado = await postForm(h, '/entidades/importar/confirmar', { _csrf: asCoordinador.csrfToken, clave }, asCoordinador.cookie);
    const msImportacion = Date.now() - inicioImportacion;
    expect(importado.status).toBe(200);
    expect(importado.html).toContain('Se registraron 5,000 entidades.');
    expect(importado.html).toContain('Entidades guardadas: 5,000 de 5,000');
    expect(await entidadesConCodigos(h.dataSource, filas.map((f) => f.codigo))).toBe(5000);
    expect(msImportacion).toBeLessThan(30_000);
    console.info(`importación de 5000 filas: revisión (página) ${msRevision} ms, importación ${msImportacion} ms`);
    expect((await trail()).at(-1)).toMatchObject({ detalle: { filas: 5000, creadas: 5000, archivoSha256: createHash('sha256').update(archivo).digest('hex') } });

    // The kept file is used once.
    const otraVez = await postForm(h, '/entidades/importar/confirmar', { _csrf: asCoordinador.csrfToken, clave }, asCoordinador.cookie);
    expect(otraVez).toMatchObject({ status: 303, location: '/entidades/importar?aviso=vencida' });
    expect((await getPage(h, otraVez.location!, asCoordinador.cookie)).html).toContain('ya no está disponible');

    // Test data only (the platform never deletes an entity): 5,000 entities left in the shared test
    // database would make every page that lists all entities (the administrator's configuración) slow
    // for the files that run after this one. They have no reclamo, staff or trail of their own.
    await h.dataSource.query(`DELETE FROM entidad WHERE codigo = ANY($1::text[])`, [filas.map((f) => f.codigo)]);
  });

  it('the page lists a bad file\'s problems by row and column, imports nothing, and follows its links; a real import from the page is all or nothing', async () => {
    const filas = await filasValidas(h.dataSource, DIGITO, 2);
    const archivo = csvDe([filas[0], { ...filas[1], ubigeo: '999999' }]);
    const revisado = await enviarCsv(h, '/entidades/importar', asCoordinador, archivo, { pagina: true, campos: { accion: 'importar' } });
    expect(revisado.status).toBe(200);
    expect(revisado.texto).toContain('El archivo tiene problemas');
    expect(revisado.texto).toContain('No se importó ninguna entidad: la importación es de todo o nada.');
    expect(revisado.texto).toContain('<tr><th scope="row">3</th><td>ubigeo</td><td>999999 no es un distrito del INEI');
    expect(await entidadesConCodigos(h.dataSource, filas.map((f) => f.codigo))).toBe(0);
    for (const href of [...revisado.texto.matchAll(/href="(\/[^"#]*)/g)].map((m) => m[1]).filter((p) => !p.startsWith('/static/'))) {
      let seguido = await getPage(h, href, asCoordinador.cookie);
      // A coordinator's home link goes through /inicio on to /consola.
      for (let saltos = 0; saltos < 3 && seguido.status === 303 && seguido.location; saltos += 1) {
        seguido = await getPage(h, seguido.location, asCoordinador.cookie);
      }
      expect([href, seguido.status]).toEqual([href, 200]);
    }

    // Straight to «importar» with a good file.
    const bueno = await enviarCsv(h, '/entidades/importar', asCoordinador, csvDe([filas[0]]), { pagina: true, campos: { accion: 'importar' } });
    expect(bueno.texto).toContain('Se registró 1 entidad.');
    // No file, or without the form's token: refused, nothing read.
    const sinArchivo = await postForm(h, '/entidades/importar', { _csrf: asCoordinador.csrfToken }, asCoordinador.cookie);
    expect(sinArchivo.status).toBe(422);
    expect(sinArchivo.html).toContain('<a href="#importar-archivo">Archivo CSV: envíe el archivo CSV como multipart/form-data');
    const sinToken = await fetch(`${h.baseUrl}/entidades/importar`, {
      method: 'POST',
      headers: { cookie: asCoordinador.cookie, accept: 'text/html' },
      body: (() => {
        const f = new FormData();
        f.append('archivo', new Blob([csvDe([filas[1]])]), 'x.csv');
        return f;
      })(),
    });
    expect(sinToken.status).toBe(403);
    expect(await entidadesConCodigos(h.dataSource, [filas[1].codigo])).toBe(0);
  });
});
