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

  defaultMessage(args: ValidationArguments): string {
    return `${args.property}: debe ser el código de ubigeo de un distrito del Perú (6 dígitos del INEI)`;
  }
}

/** A distrito's 6-digit INEI ubigeo code from the official list. */
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
