import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Aspecto, Canal, DomainError, EstadoReclamo, RolPersona } from '@app/domain';
import { DocumentType } from '@app/domain/documents';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { NuevoReclamo, prepararReclamo, registrarEvento } from '@app/expediente';
import { HojaReclamacionDto, ReclamosModule, SubmitReclamoUseCase } from '@app/reclamos';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

function hojaFor(entidad: { sedeId: string; servicioId: string }, n = 0): HojaReclamacionDto {
  return Object.assign(new HojaReclamacionDto(), {
    tipoDocumento: DocumentType.DNI,
    numeroDocumento: String(40000000 + n),
    nombres: 'Rosa',
    apellidos: 'Mamani Condori',
    email: `rosa${n}@example.pe`,
    sedeId: entidad.sedeId,
    servicioId: entidad.servicioId,
    fechaHechos: '2026-11-20',
    aspecto: Aspecto.TIEMPO_ESPERA,
    descripcion: 'Esperé más de tres horas para ser atendida en ventanilla sin ninguna explicación.',
    pedido: 'Que mejoren la atención.',
    notificacionEmail: true,
  });
}

describe('SubmitReclamoUseCase on PostgreSQL', () => {
  let context: INestApplicationContext;
  let submit: SubmitReclamoUseCase;
  let dataSource: DataSource;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, ReclamosModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2026-06-15T14:00:00Z')))
      .compile();
    context = await moduleRef.init();
    submit = context.get(SubmitReclamoUseCase);
    dataSource = context.get(DataSource);
  });
  afterAll(async () => {
    await context.close();
  });

  it('hands out codes 1..50 with no gap and no repeat under 50 concurrent filings', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('CONC'));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad, i), adjuntos: [], canal: Canal.VIRTUAL }),
      ),
    );
    const correlativos = results.map((r) => Number(r.codigo.split('-').pop())).sort((a, b) => a - b);
    expect(correlativos).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.codigo)).size).toBe(50);
    const [{ count }]: Array<{ count: string }> = await dataSource.query(
      `SELECT count(*) FROM reclamo WHERE entidad_id = $1`,
      [entidad.id],
    );
    expect(Number(count)).toBe(50);
  });

  it('leaves no partial rows and no gap when an insert fails mid-transaction', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('ROLL'));
    const first = await submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad, 1), adjuntos: [], canal: Canal.VIRTUAL });
    const before = await filingRowCounts(dataSource, entidad.id);

    // The attachment's record breaks ck_adjunto_bytes after the people were inserted (the reclamo row comes last).
    const broken = submit.execute({
      entidadCodigo: entidad.codigo,
      hoja: hojaFor(entidad, 2),
      adjuntos: [{ clave: '2026-06-15/x', bytes: 30 * 1024 * 1024, sha256: 'a'.repeat(64), nombreOriginal: 'x.pdf', tipoMime: 'application/pdf' }],
      canal: Canal.VIRTUAL,
    });
    await expect(broken).rejects.toThrow(/ck_adjunto_bytes/);
    expect(await filingRowCounts(dataSource, entidad.id)).toEqual(before);

    const next = await submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad, 3), adjuntos: [], canal: Canal.VIRTUAL });
    expect(Number(first.codigo.split('-').pop())).toBe(1);
    expect(Number(next.codigo.split('-').pop())).toBe(2);
  });

  it('leaves no rows and no gap when the last statement (the reclamo with its correlative) fails', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('LAST'));
    const first = await submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad, 1), adjuntos: [], canal: Canal.VIRTUAL });
    const before = await filingRowCounts(dataSource, entidad.id);

    // An aspecto outside ck_reclamo_aspecto: the people, the event and the message are written, then the reclamo row fails.
    const broken = submit.execute({
      entidadCodigo: entidad.codigo,
      hoja: Object.assign(hojaFor(entidad, 2), { aspecto: 'no_existe' }),
      adjuntos: [],
      canal: Canal.VIRTUAL,
    });
    await expect(broken).rejects.toThrow(/ck_reclamo_aspecto/);
    expect(await filingRowCounts(dataSource, entidad.id)).toEqual(before);

    const next = await submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad, 3), adjuntos: [], canal: Canal.VIRTUAL });
    expect(Number(first.codigo.split('-').pop())).toBe(1);
    expect(Number(next.codigo.split('-').pop())).toBe(2);
  });

  it('refuses to commit a prepared reclamo that was never numbered, keeping none of its rows', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('PREP'));
    const dni = String(70_000_000 + Math.floor(Math.random() * 9_999_999)); // this test's own person
    const nuevo: NuevoReclamo = {
      entidad: { id: entidad.id, codigo: entidad.codigo },
      anio: 2026,
      canal: Canal.VIRTUAL,
      registradoEn: new Date('2026-06-15T14:00:00Z'),
      fechaRegistroLima: '2026-06-15',
      plazoDiasHabiles: 30,
      venceEl: '2026-07-28',
      calendarioVersion: 'prueba',
      aspecto: Aspecto.TIEMPO_ESPERA,
      sedeId: entidad.sedeId,
      unidadId: null,
      servicioId: entidad.servicioId,
      fechaHechos: '2026-06-10',
      descripcion: 'Nadie atendió la ventanilla durante toda la mañana.',
      pedido: 'Que atiendan.',
      notificacionEmail: false,
      personas: [
        { rol: RolPersona.RECLAMANTE, tipoDocumento: DocumentType.DNI, numeroDocumento: dni, nombres: 'Ana', apellidos: 'Quispe',
          razonSocial: null, email: null, telefono: null, ubigeo: null, direccion: null },
      ],
      adjuntos: [],
    };
    let written = false;
    const attempt = dataSource.transaction(async (manager) => {
      const reclamoId = await prepararReclamo(manager, nuevo);
      await registrarEvento(manager, {
        reclamoId,
        entidadId: entidad.id,
        tipo: 'registrado',
        estadoNuevo: EstadoReclamo.REGISTRADO,
        actor: { tipo: 'ciudadano' },
        datos: {},
        ocurridoEn: nuevo.registradoEn,
      });
      written = true; // the keys to reclamo are checked at commit, not at each insert
      return reclamoId;
    });
    await expect(attempt).rejects.toThrow(/fk_reclamo_(persona|evento)_reclamo/);
    expect(written).toBe(true);
    const [{ personas, eventos }]: Array<{ personas: number; eventos: number }> = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM reclamo_persona WHERE numero_documento = $2) AS personas,
              (SELECT count(*)::int FROM reclamo_evento WHERE entidad_id = $1) AS eventos`,
      [entidad.id, dni],
    );
    expect({ personas, eventos }).toEqual({ personas: 0, eventos: 0 });
  });

  it("refuses another entity's sede, naming the field", async () => {
    const a = await createTestEntidad(dataSource, uniqueCode('ISOA'));
    const b = await createTestEntidad(dataSource, uniqueCode('ISOB'));
    const attempt = submit.execute({ entidadCodigo: a.codigo, hoja: hojaFor({ sedeId: b.sedeId, servicioId: a.servicioId }), adjuntos: [], canal: Canal.VIRTUAL });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errores: [{ campo: 'sedeId' }] });
  });

  it('counts a filing at 23:30 in Lima on the Lima date, not the UTC one', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('LIMA'));
    const clock = context.get<Clock, FixedClock>(Clock);
    clock.set(new Date('2026-03-03T04:30:00Z')); // Monday 2 March, 23:30 in Lima
    const result = await submit.execute({ entidadCodigo: entidad.codigo, hoja: hojaFor(entidad), adjuntos: [], canal: Canal.VIRTUAL });
    expect(result.fechaRegistro).toBe('2026-03-02');
    // 30 business days from Tue 3 March, skipping Jueves and Viernes Santo (2–3 April).
    expect(result.vence).toBe('2026-04-15');
  });
});
