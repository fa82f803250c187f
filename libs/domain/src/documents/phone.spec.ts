import fc from 'fast-check';
import { checkPhone, isPeruvianPhone, LANDLINE_AREA_CODES, normalizePhone } from './phone';

const INVALID =
  'El teléfono debe ser un celular de 9 dígitos que empiece con 9, o un teléfono fijo con su código de área (por ejemplo, 01 4110000 o 084 282728).';

describe('Peruvian phone', () => {
  it.each([
    ['987654321', '987654321'],
    ['987 654 321', '987654321'],
    ['987-654-321', '987654321'],
    ['+51 987 654 321', '987654321'],
    ['+51987654321', '987654321'],
    ['+51 (987) 654-321', '987654321'],
    ['0051987654321', '987654321'],
    ['0051 987 654 321', '987654321'],
    ['51-987-654-321', '987654321'],
    ['51987654321', '987654321'],
    ['51 987654321', '987654321'],
    ['987.654.321', '987654321'],
    ['987 654 321 ', '987654321'],
    ['+51\u00A0987\u00A0654\u00A0321', '987654321'],
    ['９８７６５４３２１', '987654321'],
  ])('accepts the mobile "%s" as %s', (input, normalized) => {
    expect(checkPhone(input)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['(01) 411-0000', '014110000'],
    ['01 4110000', '014110000'],
    ['014110000', '014110000'],
    ['14110000', '014110000'],
    ['+51 1 4110000', '014110000'],
    ['+51 (01) 411 0000', '014110000'],
    ['0051 1 4110000', '014110000'],
    ['51 1 411 0000', '014110000'],
    ['01-411-0000', '014110000'],
    ['01/4110000', '014110000'],
  ])('accepts the Lima landline "%s" as %s', (input, normalized) => {
    expect(checkPhone(input)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['(084) 282728', '084282728'],
    ['084-282728', '084282728'],
    ['84 282728', '084282728'],
    ['+51 84 282728', '084282728'],
    ['044 123456', '044123456'],
    ['(073) 30-5000', '073305000'],
    ['51 84 282728', '084282728'],
    ['0051 84 282728', '084282728'],
  ])('accepts the provincial landline "%s" as %s', (input, normalized) => {
    expect(checkPhone(input)).toEqual({ ok: true, normalized });
  });

  it('knows the 23 provincial area codes, one or more per departamento', () => {
    expect(Object.keys(LANDLINE_AREA_CODES)).toHaveLength(23);
    for (const areaCode of Object.keys(LANDLINE_AREA_CODES)) {
      expect(normalizePhone(`(0${areaCode}) 123456`)).toBe(`0${areaCode}123456`);
    }
  });

  it.each([
    ['', INVALID],
    ['abc', INVALID],
    ['98765432', INVALID], // a mobile missing a digit
    ['9876543210', INVALID],
    ['0987654321', INVALID], // mobiles take no trunk 0
    ['4110000', INVALID], // Lima number without its area code
    ['01 411000', INVALID],
    ['084 2827281', INVALID],
    ['+51 98765432', INVALID],
    ['5198765432', INVALID], // 51 + a mobile missing a digit
    ['987654321 anexo 12', INVALID],
    ['+1 202 555 0100', 'El teléfono debe ser del Perú (+51).'],
    ['001 202 555 0100', 'El teléfono debe ser del Perú (+51).'],
    ['+52 987654321', 'El teléfono debe ser del Perú (+51).'],
    ['(091) 123456', 'El código de área 091 no corresponde a ningún departamento del Perú.'],
    ['055 123456', 'El código de área 055 no corresponde a ningún departamento del Perú.'],
  ])('rejects "%s"', (input, message) => {
    expect(checkPhone(input)).toEqual({ ok: false, message });
    expect(isPeruvianPhone(input)).toBe(false);
    expect(normalizePhone(input)).toBeNull();
  });

  it('normalizes any mobile however it is spaced or prefixed', () => {
    const separator = fc.constantFrom('', ' ', '-', '(', ')');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.array(separator, { minLength: 9, maxLength: 9 }),
        fc.boolean(),
        (rest, separators, international) => {
          const mobile = `9${rest.join('')}`;
          const typed = [...mobile].map((d, i) => d + (separators[i] ?? '')).join('');
          expect(normalizePhone(international ? `+51 ${typed}` : typed)).toBe(mobile);
        },
      ),
    );
  });

  it('normalizing is idempotent', () => {
    for (const input of ['+51 987 654 321', '(01) 411-0000', '+51 84 282728', '0051987654321', '51-987-654-321']) {
      const once = normalizePhone(input);
      expect(once).not.toBeNull();
      expect(normalizePhone(once ?? '')).toBe(once);
    }
  });
});
