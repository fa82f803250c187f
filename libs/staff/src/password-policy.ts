/** The password rules for staff accounts, with messages in Spanish for the person typing it. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON = new Set(['123456789012', 'contraseña123', 'contrasena123', 'password1234', 'reclamos2026', 'qwertyuiopas', 'abcdefghijkl']);

/** Problems with a proposed password, empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string; nombre?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres`);
  if (length >= PASSWORD_MIN_LENGTH && new Set(password).size < 4) problems.push('no puede repetir casi siempre el mismo carácter');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('es demasiado común; elija otra');
  const local = context.email?.trim().toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) problems.push('no puede contener su correo');
  return problems;
}
