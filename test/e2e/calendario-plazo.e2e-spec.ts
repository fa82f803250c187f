import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';

type Json = Record<string, unknown>;

async function getPlazo(h: CitizenHarness, query: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${h.baseUrl}/api/v1/calendario/plazo?${query}`);
  return { status: response.status, body: (await response.json()) as Json };
}

describe('GET /api/v1/calendario/plazo (citizen app, no sign-in)', () => {
  let h: CitizenHarness;

  beforeAll(async () => {
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts 30 business days from a registration on Monday 2 March 2026, skipping Holy Week', async () => {
    const { status, body } = await getPlazo(h, 'desde=2026-03-02&dias=30');
    expect(status).toBe(200);
    expect(body.vence).toBe('2026-04-15');
    expect(body.omitidos).toEqual(
      expect.arrayContaining([
        { fecha: '2026-04-02', motivo: 'Jueves Santo' },
        { fecha: '2026-04-03', motivo: 'Viernes Santo' },
        { fecha: '2026-03-07', motivo: 'sábado' },
      ]),
    );
  });

  it('takes an entity code and answers 404 for an unknown one', async () => {
    const ok = await getPlazo(h, 'desde=2026-03-02&dias=1&entidad=MINEDU');
    expect(ok).toMatchObject({ status: 200, body: { vence: '2026-03-03', omitidos: [] } });
    const unknown = await getPlazo(h, 'desde=2026-03-02&dias=1&entidad=NOEXISTE99');
    expect(unknown).toMatchObject({ status: 404, body: { codigo: 'ENTIDAD_NOT_FOUND', errores: [{ campo: 'entidad' }] } });
  });

  const invalid: Array<[string, string, string]> = [
    ['a missing desde', 'dias=30', 'desde'],
    ['an impossible date', 'desde=2026-02-30&dias=30', 'desde'],
    ['a date in another format', 'desde=02/03/2026&dias=30', 'desde'],
    ['a missing dias', 'desde=2026-03-02', 'dias'],
    ['zero days', 'desde=2026-03-02&dias=0', 'dias'],
    ['more than 365 days', 'desde=2026-03-02&dias=366', 'dias'],
    ['a fractional dias', 'desde=2026-03-02&dias=1.5', 'dias'],
    ['a non-numeric dias', 'desde=2026-03-02&dias=treinta', 'dias'],
    ['a malformed entity code', 'desde=2026-03-02&dias=3&entidad=mi%20nedu', 'entidad'],
    ['an unknown parameter', 'desde=2026-03-02&dias=3&hasta=2026-04-01', 'hasta'],
  ];
  it.each(invalid)('answers 422 naming the field for %s', async (_label, query, campo) => {
    const { status, body } = await getPlazo(h, query);
    expect(status).toBe(422);
    expect(body.codigo).toBe('VALIDATION_FAILED');
    expect((body.errores as Array<{ campo: string; mensaje: string }>)[0]).toMatchObject({ campo });
    expect(JSON.stringify(body)).not.toMatch(/should|must/);
  });
});
