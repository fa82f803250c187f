import { errorEnPalabras, tipoMensajeLabel } from './mensajes-labels';

describe('errorEnPalabras', () => {
  it.each([
    ['550 5.1.1 <v****a@example.pe>: Recipient address rejected: User unknown', 'esa dirección de correo no existe'],
    ['552 5.2.2 Mailbox full', 'buzón del destinatario está lleno'],
    ['554 5.7.1 Message rejected as spam', 'antispam'],
    ['connect ECONNREFUSED 127.0.0.1:2525', 'No se pudo conectar'],
    ['Greeting never received (ETIMEDOUT)', 'no respondió a tiempo'],
    ['421 Try again later', 'intentarlo más tarde'],
    ['503 Bad sequence', 'rechazó el mensaje'],
    ['algo raro', 'no reconocido'],
  ])('%s → %s', (error, esperado) => {
    expect(errorEnPalabras(error)).toContain(esperado);
  });

  it('says so when no reason was recorded', () => {
    expect(errorEnPalabras(null)).toBe('No se registró el motivo.');
  });

  it('names every kind of message in Spanish, and an unknown one by its code', () => {
    expect(tipoMensajeLabel('respuesta')).toBe('Respuesta al ciudadano');
    expect(tipoMensajeLabel('otro')).toBe('otro');
  });
});
