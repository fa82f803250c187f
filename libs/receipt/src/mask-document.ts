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
