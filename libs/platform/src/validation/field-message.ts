/**
 * "numeroDocumento: el número de DNI debe tener 8 dígitos" from the property and the
 * domain's sentence ("El número de DNI debe tener 8 dígitos."). The first letter is
 * lowered only when the word is not an acronym ("El RUC" → "el RUC", "RUC" stays).
 */
export function fieldMessage(property: string, sentence: string): string {
  const trimmed = sentence.trim().replace(/\.$/, '');
  const [first = '', second = ''] = trimmed;
  const lowered = second !== '' && second === second.toLowerCase() ? first.toLowerCase() + trimmed.slice(1) : trimmed;
  return `${property}: ${lowered}`;
}
