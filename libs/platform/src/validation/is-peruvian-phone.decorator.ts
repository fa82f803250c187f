import { checkPhone } from '@app/domain/documents';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { fieldMessage } from './field-message';

@ValidatorConstraint({ name: 'isPeruvianPhone' })
export class IsPeruvianPhoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && checkPhone(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    if (typeof args.value !== 'string') return `${args.property}: debe ser un texto con el número de teléfono`;
    const check = checkPhone(args.value);
    return check.ok ? `${args.property}: no es válido` : fieldMessage(args.property, check.message);
  }
}

/**
 * A Peruvian mobile or landline, as people type it (see `checkPhone`); store
 * `normalizePhone(value)`, not the raw input.
 */
export function IsPeruvianPhone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isPeruvianPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: IsPeruvianPhoneConstraint,
    });
  };
}
