import fc from 'fast-check';
import { checkRuc, isRuc, RUC_PREFIXES, rucCheckDigit } from './ruc';

const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const withCheckDigit = (firstTen: string): string => `${firstTen}${rucCheckDigit(firstTen)}`;

describe('RUC', () => {
  // Real RUCs, taken from public records; both 10 → 0 (20100070970) and 11 → 1 (20131380951) occur.
  it.each([
    ['20131370998', 'Ministerio de Educación'],
    ['20131380951', 'Municipalidad Metropolitana de Lima'],
    ['20168999926', 'Presidencia del Consejo de Ministros'],
    ['20131312955', 'SUNAT'],
    ['20131370645', 'Ministerio de Economía y Finanzas'],
    ['20131373237', 'Ministerio de Salud'],
    ['20100070970', 'a private company'],
  ])('accepts %s (%s)', (ruc) => {
    expect(checkRuc(ruc)).toEqual({ ok: true, normalized: ruc });
  });

  it('accepts personas naturales (10, 15, 17) whose check digit matches', () => {
    expect(isRuc('10460278975')).toBe(true);
    expect(isRuc('15600000001')).toBe(true);
    expect(isRuc('17000000001')).toBe(true);
  });

  it.each(['  20131370998 ', '20131-370998', '20-13137099-8', '20 131 370 998', '20.131.370.998', '２0131370998'])(
    'accepts "%s" as people type it',
    (typed) => {
      expect(checkRuc(typed)).toEqual({ ok: true, normalized: '20131370998' });
    },
  );

  it.each(['20131370997', '20131370999', '20131380950', '20131380952'])(
    'rejects %s, a check digit wrong by one',
    (ruc) => {
      expect(checkRuc(ruc)).toEqual({ ok: false, message: 'El RUC no es válido: el dígito verificador no coincide.' });
    },
  );

  it.each(['11', '16', '21', '30', '00', '99'])('rejects the prefix %s even with a matching check digit', (prefix) => {
    const ruc = withCheckDigit(`${prefix}13137099`);
    expect(checkRuc(ruc)).toEqual({ ok: false, message: 'El RUC debe empezar con 10, 15, 17 o 20.' });
  });

  it.each(['', '2013137099', '201313709988', '2013137099A', '20131+370998'])(
    'rejects "%s", not 11 digits',
    (ruc) => {
      expect(checkRuc(ruc)).toEqual({ ok: false, message: 'El RUC debe tener 11 dígitos.' });
    },
  );

  it('maps 10 to 0 and 11 to 1 in the check digit', () => {
    // Weighted sums of 2010007097 and 2013138095 leave remainders 1 and 0 (11 - r = 10 and 11).
    expect(rucCheckDigit('2010007097')).toBe(0);
    expect(rucCheckDigit('2013138095')).toBe(1);
  });

  it('refuses to compute a check digit from anything but 10 digits', () => {
    expect(() => rucCheckDigit('123')).toThrow(RangeError);
  });

  describe('properties', () => {
    it('every valid prefix + 8 digits + its computed check digit is a valid RUC', () => {
      fc.assert(
        fc.property(fc.constantFrom(...RUC_PREFIXES), digits(8), (prefix, body) => {
          expect(isRuc(withCheckDigit(prefix + body))).toBe(true);
        }),
      );
    });

    it('any other check digit makes it invalid', () => {
      fc.assert(
        fc.property(fc.constantFrom(...RUC_PREFIXES), digits(8), fc.integer({ min: 1, max: 9 }), (prefix, body, shift) => {
          const firstTen = prefix + body;
          const wrong = (rucCheckDigit(firstTen) + shift) % 10;
          expect(checkRuc(`${firstTen}${wrong}`)).toEqual({
            ok: false,
            message: 'El RUC no es válido: el dígito verificador no coincide.',
          });
        }),
      );
    });

    it('the check digit is always a single digit', () => {
      fc.assert(
        fc.property(digits(10), (firstTen) => {
          const digit = rucCheckDigit(firstTen);
          expect(Number.isInteger(digit) && digit >= 0 && digit <= 9).toBe(true);
        }),
      );
    });
  });
});
