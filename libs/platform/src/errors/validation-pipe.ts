import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '@app/domain';

/** Flattens class-validator's tree into one Spanish message per wrong field. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const campo = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([regla, mensaje]) => ({ campo, mensaje: enEspanol(regla, withoutFieldPrefix(mensaje, campo)) }));
    return [...own.slice(0, 1), ...toFieldErrors(error.children ?? [], campo)];
  });
}

/** Messages are written as "campo: texto" so they stand alone in logs; the API carries the field separately. */
function withoutFieldPrefix(message: string, campo: string): string {
  const prefix = `${campo.split('.').pop()}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** class-validator's and Nest's own sentences are English ("email must be shorter than…"): they say "must", "should" or "Validation failed". */
const DEFAULT_EN_INGLES = /\b(must|should|Validation failed)\b/;

/** A Spanish sentence per rule, for the decorators written without a message of their own. */
const REGLAS_EN_ESPANOL: Readonly<Record<string, string>> = {
  isObject: 'envíe un objeto JSON con los campos del formulario',
  whitelistValidation: forbiddenPropertyMessage(),
  isString: 'escriba un texto',
  maxLength: 'es demasiado largo',
  minLength: 'es demasiado corto',
  isLength: 'no tiene un largo permitido',
  isNotEmpty: 'es obligatorio',
  isDefined: 'es obligatorio',
  isInt: 'escriba un número entero',
  isNumber: 'escriba un número',
  min: 'es menor que el mínimo permitido',
  max: 'es mayor que el máximo permitido',
  isBoolean: 'elija sí o no',
  isEnum: 'elija una de las opciones',
  isIn: 'elija una de las opciones',
  isUuid: 'elija una opción de la lista',
  isEmail: 'escriba el correo completo, como nombre@ejemplo.com',
  isArray: 'envíe una lista',
  matches: 'no tiene el formato esperado',
};

/** Keeps our own Spanish messages; replaces a library default by the rule's Spanish sentence. */
function enEspanol(regla: string, mensaje: string): string {
  if (!DEFAULT_EN_INGLES.test(mensaje)) return mensaje;
  return REGLAS_EN_ESPANOL[regla] ?? 'no es válido';
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
