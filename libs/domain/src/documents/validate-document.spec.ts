import fc from 'fast-check';
import { DOCUMENT_TYPE_LABELS, DocumentType, isDocumentType } from './document-type';
import { isCarneExtranjeria } from './carne-extranjeria';
import { isDni } from './dni';
import { isPasaporte } from './pasaporte';
import { documentoParaBuscar, validateDocument } from './validate-document';

const DNI_MESSAGE = 'El número de DNI debe tener 8 dígitos.';
const CE_MESSAGE = 'El número de carné de extranjería debe tener entre 9 y 12 letras o dígitos.';
const PASAPORTE_MESSAGE = 'El número de pasaporte debe tener entre 6 y 12 letras o dígitos.';
const DNI_VERIFICACION_MESSAGE =
  'El número de DNI debe tener 8 dígitos, sin el dígito de verificación que va después del guion.';

describe('validateDocument', () => {
  describe('DNI', () => {
    it.each([
      ['12345678', '12345678'],
      ['00123456', '00123456'],
      [' 12345678 ', '12345678'],
      // As people type it: spaces, dots, dashes, a phone keyboard's full-width digits.
      ['1234 5678', '12345678'],
      ['12 345 678', '12345678'],
      ['12.345.678', '12345678'],
      ['1234-5678', '12345678'],
      ['１２３４５６７８', '12345678'],
      ['12345678\u200B', '12345678'],
      // Copied from the card with its check character after the dash.
      ['12345678-9', '12345678'],
      ['12345678 - 9', '12345678'],
      ['12345678–9', '12345678'],
      ['12.345.678-K', '12345678'],
      ['12345678-k', '12345678'],
    ])('accepts "%s" as %s', (input, normalized) => {
      expect(validateDocument(DocumentType.DNI, input)).toEqual({ ok: true, normalized });
    });

    it.each(['', '1234567', '1234567A', '12345678A', 'DNI', '123456789012'])('rejects "%s"', (input) => {
      expect(validateDocument(DocumentType.DNI, input)).toEqual({ ok: false, message: DNI_MESSAGE });
    });

    it.each(['123456789', '1234567-8', '123456789-0'])('rejects "%s", saying the check character is not part of it', (input) => {
      expect(validateDocument(DocumentType.DNI, input)).toEqual({ ok: false, message: DNI_VERIFICACION_MESSAGE });
    });

    it('accepts every 8-digit string and no other length of digits', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 14 }), (d) => {
          expect(isDni(d.join(''))).toBe(d.length === 8);
        }),
      );
    });
  });

  describe('carné de extranjería', () => {
    it.each([
      ['001234567', '001234567'],
      ['000123456789', '000123456789'],
      ['abc123456', 'ABC123456'],
      ['  X12345678 ', 'X12345678'],
      ['00123-4567', '001234567'],
      ['00123 4567', '001234567'],
      ['001.234.567', '001234567'],
    ])('accepts "%s" as %s', (input, normalized) => {
      expect(validateDocument(DocumentType.CARNE_EXTRANJERIA, input)).toEqual({ ok: true, normalized });
    });

    it.each(['', '12345678', '0001234567890', 'ÑANDÚ1234', '00123+4567'])('rejects "%s"', (input) => {
      expect(validateDocument(DocumentType.CARNE_EXTRANJERIA, input)).toEqual({ ok: false, message: CE_MESSAGE });
    });
  });

  describe('pasaporte', () => {
    it.each([
      ['AB1234', 'AB1234'],
      ['123456789012', '123456789012'],
      ['pe1234567', 'PE1234567'],
      ['AB-1234', 'AB1234'],
      ['AB 1234', 'AB1234'],
    ])('accepts "%s" as %s', (input, normalized) => {
      expect(validateDocument(DocumentType.PASAPORTE, input)).toEqual({ ok: true, normalized });
    });

    it.each(['', 'AB123', '1234567890123', 'AB#1234', 'ÑB1234'])('rejects "%s"', (input) => {
      expect(validateDocument(DocumentType.PASAPORTE, input)).toEqual({ ok: false, message: PASAPORTE_MESSAGE });
    });
  });

  describe('RUC', () => {
    it('accepts a RUC with its check digit and rejects it off by one', () => {
      expect(validateDocument(DocumentType.RUC, '20131370998')).toEqual({ ok: true, normalized: '20131370998' });
      expect(validateDocument(DocumentType.RUC, '20131370997')).toEqual({
        ok: false,
        message: 'El RUC no es válido: el dígito verificador no coincide.',
      });
    });

    it('does not take a DNI for a RUC', () => {
      expect(validateDocument(DocumentType.RUC, '12345678')).toEqual({ ok: false, message: 'El RUC debe tener 11 dígitos.' });
    });
  });

  it('lengths overlap only where the rules say so', () => {
    // 9 to 12 alphanumerics is both a carné and a pasaporte; 8 digits is a DNI and a pasaporte.
    expect(isCarneExtranjeria('123456789') && isPasaporte('123456789')).toBe(true);
    expect(isDni('12345678') && isPasaporte('12345678') && !isCarneExtranjeria('12345678')).toBe(true);
  });

  it('a normalized number validates to itself', () => {
    const alphanumeric = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(DocumentType)),
        fc.array(alphanumeric, { minLength: 0, maxLength: 14 }),
        (type, chars) => {
          const first = validateDocument(type, ` ${chars.join('')} `);
          if (first.ok) {
            expect(validateDocument(type, first.normalized)).toEqual(first);
          }
        },
      ),
    );
  });
});

describe('DocumentType', () => {
  it('labels every type in Spanish', () => {
    expect(DOCUMENT_TYPE_LABELS).toEqual({
      DNI: 'DNI',
      CE: 'Carné de extranjería',
      PASAPORTE: 'Pasaporte',
      RUC: 'RUC',
    });
  });

  it('recognizes only the enum values', () => {
    expect(['DNI', 'CE', 'PASAPORTE', 'RUC'].every(isDocumentType)).toBe(true);
    expect(['CARNE_EXTRANJERIA', 'dni', '', null, 1].some(isDocumentType)).toBe(false);
  });
});

describe('documentoParaBuscar', () => {
  it('finds a DNI typed with its check character, spaces or dots as it was stored', () => {
    expect(documentoParaBuscar('12345678-9')).toContain('12345678');
    expect(documentoParaBuscar('12.345.678')).toContain('12345678');
  });

  it('finds a carné, a passport and a RUC as stored', () => {
    expect(documentoParaBuscar('00123 4567')).toContain('001234567');
    expect(documentoParaBuscar('pe-1234567')).toContain('PE1234567');
    expect(documentoParaBuscar('20-13137099-8')).toContain('20131370998');
  });

  it('always keeps the bare characters, and gives nothing for an empty text', () => {
    expect(documentoParaBuscar('ab 12')).toEqual(['AB12']);
    expect(documentoParaBuscar('  ')).toEqual([]);
  });
});
