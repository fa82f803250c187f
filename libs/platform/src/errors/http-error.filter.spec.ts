import { HttpException } from '@nestjs/common';
import { CalendarError } from '@app/calendar';
import { DomainError } from '@app/domain';
import { describeError } from './http-error.filter';

describe('describeError', () => {
  it('maps a domain code to its status and keeps the Spanish field errors', () => {
    const { body, unexpected } = describeError(
      new DomainError('VALIDATION_FAILED', 'Datos no válidos', [{ campo: 'email', mensaje: 'no es un correo' }]),
    );
    expect(body).toMatchObject({ statusCode: 422, codigo: 'VALIDATION_FAILED', errores: [{ campo: 'email' }] });
    expect(unexpected).toBe(false);
  });

  it('answers 404 for a case of another entity exactly as for a missing one', () => {
    expect(describeError(new DomainError('RECLAMO_NOT_FOUND', 'No encontrado')).body.statusCode).toBe(404);
  });

  it("turns the calendar's bad-input errors into 422, and its broken data into a 500", () => {
    expect(describeError(new CalendarError('INVALID_DATE', 'Fecha imposible')).body.statusCode).toBe(422);
    expect(describeError(new CalendarError('NO_BUSINESS_DAY_FOUND', 'Sin días hábiles')).unexpected).toBe(true);
  });

  it('gives framework errors a Spanish message', () => {
    expect(describeError(new HttpException('Too Many Requests', 429)).body.mensaje).toMatch(/demasiadas solicitudes/i);
  });

  it('hides the internals of anything unexpected', () => {
    const { body, unexpected } = describeError(new Error('connection refused at 10.0.0.3'));
    expect(unexpected).toBe(true);
    expect(body.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toContain('10.0.0.3');
  });
});
