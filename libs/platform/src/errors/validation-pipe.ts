import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '@app/domain';

/** Flattens class-validator's tree into one Spanish message per wrong field. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const campo = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((mensaje) => ({ campo, mensaje: withoutFieldPrefix(mensaje, campo) }));
    return [...own.slice(0, 1), ...toFieldErrors(error.children ?? [], campo)];
  });
}

/** Messages are written as "campo: texto" so they stand alone in logs; the API carries the field separately. */
function withoutFieldPrefix(message: string, campo: string): string {
  const prefix = `${campo.split('.').pop()}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

export function forbiddenPropertyMessage(): string {
  return 'este campo no forma parte del formulario';
}

/** The one ValidationPipe of every app: strict, transforming, answering 422 in Spanish. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ValidationFailedError(
        toFieldErrors(errors).map((e) =>
          e.mensaje.includes('should not exist') ? { ...e, mensaje: forbiddenPropertyMessage() } : e,
        ),
      ),
  });
}
