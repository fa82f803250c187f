import { sinSeparadores } from './escritura';
import { failed, FieldCheck, passed } from './field-check';

/**
 * Landline area codes outside Lima and Callao (MTC's numbering plan; the same set
 * libphonenumber uses for Peru's fixed lines). Each is followed by a 6-digit number.
 * Lima and Callao use the area code 1 followed by a 7-digit number.
 */
export const LANDLINE_AREA_CODES: Readonly<Record<string, string>> = {
  '41': 'Amazonas',
  '42': 'San Martín',
  '43': 'Áncash',
  '44': 'La Libertad',
  '51': 'Puno',
  '52': 'Tacna',
  '53': 'Moquegua',
  '54': 'Arequipa',
  '56': 'Ica',
  '61': 'Ucayali',
  '62': 'Huánuco',
  '63': 'Pasco',
  '64': 'Junín',
  '65': 'Loreto',
  '66': 'Ayacucho',
  '67': 'Huancavelica',
  '72': 'Tumbes',
  '73': 'Piura',
  '74': 'Lambayeque',
  '76': 'Cajamarca',
  '82': 'Madre de Dios',
  '83': 'Apurímac',
  '84': 'Cusco',
};

// What people put between digits: spaces, dashes, dots, slashes, parentheses (see `sinSeparadores`).
const PARENTHESES = /[()]/g;
const COUNTRY_CODE = '51';
const MOBILE = /^9\d{8}$/;
const LIMA_LANDLINE = /^1\d{7}$/;
const EIGHT_DIGITS = /^\d{8}$/;
const DIGITS = /^\d+$/;

const INVALID_PHONE =
  'El teléfono debe ser un celular de 9 dígitos que empiece con 9, o un teléfono fijo con su código de área (por ejemplo, 01 4110000 o 084 282728).';
const NOT_PERU = 'El teléfono debe ser del Perú (+51).';

/**
 * Accepts what people type: spaces, dashes, dots, parentheses, and the country code in its usual
 * written forms (+51, 0051, or 51 before a number too long to be domestic), and for landlines the
 * optional trunk 0: "+51 987 654 321", "0051987654321", "51-987-654-321", "(01) 411-0000",
 * "+51 84 282728", "987.654.321". The normalized value is how the number is dialled inside Peru:
 * the 9 mobile digits, or 0 + area code + number for a landline ("014110000", "084282728").
 */
export function checkPhone(value: string): FieldCheck {
  let digits = sinSeparadores(value).replace(PARENTHESES, '');
  if (digits.startsWith('+') || digits.startsWith('00')) {
    const international = digits.replace(/^(\+|00)/, '');
    if (!international.startsWith(COUNTRY_CODE)) return failed(NOT_PERU);
    digits = international.slice(COUNTRY_CODE.length);
  } else if (digits.startsWith(COUNTRY_CODE) && digits.length >= 10) {
    // No domestic number has 10 or more digits: these are 51 + a mobile (9) or a landline (8).
    digits = digits.slice(COUNTRY_CODE.length);
  }
  if (!DIGITS.test(digits)) return failed(INVALID_PHONE);
  if (MOBILE.test(digits)) {
    return passed(digits);
  }
  // A landline may come with or without its trunk 0; a mobile never has one.
  const hasTrunk = digits.startsWith('0');
  const withoutTrunk = hasTrunk ? digits.slice(1) : digits;
  if (LIMA_LANDLINE.test(withoutTrunk)) {
    return passed(`0${withoutTrunk}`);
  }
  // Eight digits starting with 9 and no trunk 0 is a mobile missing a digit, not an area code.
  if (EIGHT_DIGITS.test(withoutTrunk) && (hasTrunk || !withoutTrunk.startsWith('9'))) {
    const areaCode = withoutTrunk.slice(0, 2);
    return Object.hasOwn(LANDLINE_AREA_CODES, areaCode)
      ? passed(`0${withoutTrunk}`)
      : failed(`El código de área 0${areaCode} no corresponde a ningún departamento del Perú.`);
  }
  return failed(INVALID_PHONE);
}

export function isPeruvianPhone(value: string): boolean {
  return checkPhone(value).ok;
}

/** The domestic digits of a valid Peruvian phone (see `checkPhone`), or `null`. */
export function normalizePhone(value: string): string | null {
  const check = checkPhone(value);
  return check.ok ? check.normalized : null;
}
