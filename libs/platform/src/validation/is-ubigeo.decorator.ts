import { isValidUbigeo } from '@app/domain/ubigeo';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'isUbigeo' })
export class IsUbigeoConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidUbigeo(value);
  }

  // Plain words: the form asks for three names, never a code (the API's description documents the code).
  defaultMessage(args: ValidationArguments): string {
    return args.value === undefined || args.value === null || args.value === ''
      ? `${args.property}: elija el departamento, la provincia y el distrito de su dirección`
      : `${args.property}: no encontramos ese distrito; elija de nuevo el departamento, la provincia y el distrito`;
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
