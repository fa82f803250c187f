import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long, varied password', () => {
    expect(passwordProblems('luna-verde-sobre-Cusco-7')).toEqual([]);
  });

  it('asks for at least 12 characters, in Spanish', () => {
    expect(passwordProblems('Corta-123')).toEqual(['debe tener al menos 12 caracteres']);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('ñandú-ñandú')).toEqual(['debe tener al menos 12 caracteres']);
    expect(passwordProblems('ñandú-ñandú!')).toEqual([]);
  });

  it('refuses a repeated character, a common password and one containing the e-mail', () => {
    expect(passwordProblems('aaaaaaaaaaaaaa')).toContain('no puede repetir casi siempre el mismo carácter');
    expect(passwordProblems('Reclamos2026')).toContain('es demasiado común; elija otra');
    expect(passwordProblems('mi-rosa.quispe-2026', { email: 'rosa.quispe@minedu.gob.pe' })).toContain('no puede contener su correo');
  });

  it('refuses more than 200 characters', () => {
    expect(passwordProblems('x1'.repeat(101))).toContain('no puede tener más de 200 caracteres');
  });
});
