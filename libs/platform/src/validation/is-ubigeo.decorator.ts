import { isValidUbigeo } from '@app/domain/ubigeo';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/** The form's earlier answers, when the object has them (`departamento`, `provincia`: 2 and 4 digits). */
function pasosPrevios(args: ValidationArguments): { departamento?: string; provincia?: string } {
  const object = args.object as Record<string, unknown>;
  const texto = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return { departamento: texto(object.departamento), provincia: texto(object.provincia) };
}

@ValidatorConstraint({ name: 'isUbigeo' })
export class IsUbigeoConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string' || !isValidUbigeo(value)) return false;
    // A departamento or provincia changed after the distrito was chosen (without JavaScript) is not guessed at.
    const { departamento, provincia } = pasosPrevios(args);
    return (departamento === undefined || value.startsWith(departamento)) && (provincia === undefined || value.startsWith(provincia));
  }

  // Plain words: the form asks for three names, never a code (the API's description documents the code).
  defaultMessage(args: ValidationArguments): string {
    const { departamento, provincia } = pasosPrevios(args);
    if (args.value === undefined || args.value === null || args.value === '') {
      if (provincia !== undefined) return `${args.property}: elija el distrito de su dirección`;
      if (departamento !== undefined) return `${args.property}: elija la provincia y luego el distrito de su dirección`;
      return `${args.property}: elija el departamento, la provincia y el distrito de su dirección`;
    }
    if (typeof args.value === 'string' && isValidUbigeo(args.value)) {
      return `${args.property}: el distrito elegido no es de la provincia o el departamento que eligió después; elija de nuevo el distrito`;
    }
    return `${args.property}: no encontramos ese distrito; elija de nuevo el departamento, la provincia y el distrito`;
  }
}

/**
 * A distrito's 6-digit INEI ubigeo code from the official list (`@app/domain/ubigeo`, INEI's 2025
 * directory), e.g. "150122" for Miraflores (Lima, Lima).
 */
export function IsUbigeo(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isUbigeo',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: IsUbigeoConstraint,
    });
  };
}
