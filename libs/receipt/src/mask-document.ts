const MAX_VISIBLE = 3;

/**
 * Masks an identity document number for printing: '12345678' → '*****678'.
 *
 * At most the last 3 characters stay visible, and never more than half of them,
 * so a short or malformed value is not printed almost whole.
 */
export function maskDocumentNumber(n: string): string {
  const chars = Array.from(n.trim());
  const visible = Math.min(MAX_VISIBLE, Math.floor(chars.length / 2));
  const hidden = chars.length - visible;
  return '*'.repeat(hidden) + chars.slice(hidden).join('');
}

/**
 * Masks an e-mail address for printing: 'maria.quispe@example.pe' → 'm*********e@example.pe'. The
 * domain stays (people recognise their provider); of the local part only the first and last
 * characters, and only the first when it has three characters or fewer.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskDocumentNumber(email);
  const local = Array.from(email.slice(0, at));
  const shown = local.length > 3 ? local[0] + '*'.repeat(local.length - 2) + local[local.length - 1] : local[0] + '*'.repeat(local.length - 1);
  return `${shown}${email.slice(at)}`;
}
