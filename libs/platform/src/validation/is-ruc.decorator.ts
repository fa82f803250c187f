import { checkRuc } from '@app/domain/documents';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { fieldMessage } from './field-message';

@ValidatorConstraint({ name: 'isRuc' })
export class IsRucConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && checkRuc(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    if (typeof args.value !== 'string') return `${args.property}: debe ser un texto con el RUC`;
    const check = checkRuc(args.value);
    return check.ok ? `${args.property}: no es válido` : fieldMessage(args.property, check.message);
  }
}

/** An 11-digit RUC with a valid prefix and SUNAT check digit (e.g. a represented company's). */
export function IsRuc(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isRuc',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: IsRucConstraint,
    });
  };
}
