import { VENTANAS_DE_FECHA } from '@app/calendar';
import { DocumentType } from '@app/domain/documents';
import { IsIn, IsOptional, validate, ValidationError, validateSync } from 'class-validator';
import { IsDocumentNumberFor, IsLimaDate, IsPeruvianPhone, IsRuc, IsUbigeo } from './index';

class HojaDeReclamacionInput {
  @IsIn(Object.values(DocumentType))
  tipoDocumento: unknown;

  @IsDocumentNumberFor('tipoDocumento')
  numeroDocumento: unknown;

  @IsOptional()
  @IsRuc()
  rucRepresentado: unknown;

  @IsPeruvianPhone()
  telefono: unknown;

  @IsUbigeo()
  ubigeo: unknown;

  @IsLimaDate(VENTANAS_DE_FECHA.hechos)
  fechaHecho: unknown;
}

const VALID = {
  tipoDocumento: DocumentType.DNI,
  numeroDocumento: '12345678',
  rucRepresentado: undefined,
  telefono: '+51 987 654 321',
  ubigeo: '150122',
  fechaHecho: '2025-06-14',
};

function input(overrides: Partial<Record<keyof typeof VALID, unknown>>): HojaDeReclamacionInput {
  return Object.assign(new HojaDeReclamacionInput(), VALID, overrides);
}

/** property → its messages, for the properties that failed. */
function messages(errors: ValidationError[]): Record<string, string[]> {
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('validation decorators', () => {
  beforeEach(() => {
    // 2025-06-15 00:30 UTC is still 2025-06-14 (19:30) in Lima.
    jest.useFakeTimers({ now: new Date('2025-06-15T00:30:00Z'), doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('accepts a valid hoja', async () => {
    expect(await validate(input({}))).toEqual([]);
  });

  describe('@IsDocumentNumberFor', () => {
    it.each([
      [DocumentType.DNI, '1234567', 'numeroDocumento: el número de DNI debe tener 8 dígitos'],
      [DocumentType.RUC, '20131370997', 'numeroDocumento: el RUC no es válido: el dígito verificador no coincide'],
      [DocumentType.RUC, '12345678', 'numeroDocumento: el RUC debe tener 11 dígitos'],
      [
        DocumentType.CARNE_EXTRANJERIA,
        '12345678',
        'numeroDocumento: el número de carné de extranjería debe tener entre 9 y 12 letras o dígitos',
      ],
      [DocumentType.PASAPORTE, 'AB-123', 'numeroDocumento: el número de pasaporte debe tener entre 6 y 12 letras o dígitos'],
    ])('for %s rejects "%s"', async (tipoDocumento, numeroDocumento, message) => {
      expect(messages(await validate(input({ tipoDocumento, numeroDocumento })))).toEqual({
        numeroDocumento: [message],
      });
    });

    it.each([
      [DocumentType.CARNE_EXTRANJERIA, 'x12345678'],
      [DocumentType.PASAPORTE, ' pe1234567 '],
      [DocumentType.RUC, '20131370998'],
    ])('for %s accepts "%s"', async (tipoDocumento, numeroDocumento) => {
      expect(await validate(input({ tipoDocumento, numeroDocumento }))).toEqual([]);
    });

    it('validates against the sibling type, so the same number can pass for one type and fail for another', async () => {
      expect(await validate(input({ tipoDocumento: DocumentType.PASAPORTE, numeroDocumento: '12345678' }))).toEqual([]);
      expect(await validate(input({ tipoDocumento: DocumentType.CARNE_EXTRANJERIA, numeroDocumento: '12345678' }))).toHaveLength(1);
    });

    it('says the type is missing rather than guessing', async () => {
      expect(messages(await validate(input({ tipoDocumento: 'LIBRETA' })))).toEqual({
        tipoDocumento: [expect.any(String)],
        numeroDocumento: ['numeroDocumento: elija primero el tipo de documento (DNI, carné de extranjería, pasaporte o RUC) y escriba su número'],
      });
    });

    it('rejects a number that is not a string', async () => {
      expect(messages(await validate(input({ numeroDocumento: 12345678 })))).toEqual({
        numeroDocumento: ['numeroDocumento: escriba el número de DNI como texto, por ejemplo "45871236"'],
      });
    });
  });

  describe('@IsRuc', () => {
    it('accepts a valid RUC and skips an absent optional one', async () => {
      expect(await validate(input({ rucRepresentado: '20168999926' }))).toEqual([]);
      expect(await validate(input({ rucRepresentado: undefined }))).toEqual([]);
    });

    it.each([
      ['30131370998', 'rucRepresentado: el RUC debe empezar con 10, 15, 17 o 20'],
      ['20168999927', 'rucRepresentado: el RUC no es válido: el dígito verificador no coincide'],
      ['2016899992', 'rucRepresentado: el RUC debe tener 11 dígitos'],
      [20168999926, 'rucRepresentado: escriba el RUC como texto, por ejemplo "20131370998"'],
    ])('rejects %p', async (rucRepresentado, message) => {
      expect(messages(await validate(input({ rucRepresentado })))).toEqual({ rucRepresentado: [message] });
    });

    it('lets the caller override the message', async () => {
      class WithMessage {
        @IsRuc({ message: 'ruc: revise el número' })
        ruc = '20131370997';
      }
      expect(messages(await validate(new WithMessage()))).toEqual({ ruc: ['ruc: revise el número'] });
    });
  });

  describe('@IsPeruvianPhone', () => {
    it.each(['987654321', '+51 987 654 321', '(01) 411-0000', '(084) 282728', '+51 84 282728'])('accepts "%s"', async (telefono) => {
      expect(await validate(input({ telefono }))).toEqual([]);
    });

    it.each([
      [
        '12345',
        'telefono: el teléfono debe ser un celular de 9 dígitos que empiece con 9, o un teléfono fijo con su código de área (por ejemplo, 01 4110000 o 084 282728)',
      ],
      ['+34 612 345 678', 'telefono: el teléfono debe ser del Perú (+51)'],
      ['(099) 123456', 'telefono: el código de área 099 no corresponde a ningún departamento del Perú'],
      [null, 'telefono: escriba el número de teléfono como texto, por ejemplo "987 654 321"'],
    ])('rejects %p', async (telefono, message) => {
      expect(messages(await validate(input({ telefono })))).toEqual({ telefono: [message] });
    });
  });

  describe('@IsUbigeo', () => {
    it.each(['150122', '070101', '080101'])('accepts %s', async (ubigeo) => {
      expect(await validate(input({ ubigeo }))).toEqual([]);
    });

    it.each(['150199', '150100', '15', 150122])('rejects %p in plain words, without codes', async (ubigeo) => {
      expect(messages(await validate(input({ ubigeo })))).toEqual({
        ubigeo: ['ubigeo: no encontramos ese distrito; elija de nuevo el departamento, la provincia y el distrito'],
      });
    });
  });

  describe('@IsLimaDate', () => {
    it('accepts today in Lima and earlier days', () => {
      expect(validateSync(input({ fechaHecho: '2025-06-14' }))).toEqual([]);
      expect(validateSync(input({ fechaHecho: '2024-02-29' }))).toEqual([]);
    });

    it('rejects tomorrow in Lima even when it is already that day in UTC', () => {
      expect(messages(validateSync(input({ fechaHecho: '2025-06-15' })))).toEqual({
        fechaHecho: ['fechaHecho: no puede ser una fecha futura'],
      });
    });

    it.each(['2025-02-29', '2025-13-01', '14/06/2025', '2025-6-14', '2025-06-14T10:00:00Z', '', 20250614])(
      'rejects %p as not a date',
      (fechaHecho) => {
        expect(messages(validateSync(input({ fechaHecho })))).toEqual({
          fechaHecho: ['fechaHecho: escriba una fecha real con el formato AAAA-MM-DD, por ejemplo 2026-03-02'],
        });
      },
    );
  });
});
