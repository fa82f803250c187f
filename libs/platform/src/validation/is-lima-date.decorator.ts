import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { revisarFecha, VentanaDeFecha } from '@app/calendar';
import { limaToday } from './lima-date';

@ValidatorConstraint({ name: 'isLimaDate' })
export class IsLimaDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return revisarFecha(value, ventanaDe(args), limaToday()) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property}: ${revisarFecha(args.value, ventanaDe(args), limaToday()) ?? 'no es válida'}`;
  }
}

function ventanaDe(args: ValidationArguments): VentanaDeFecha {
  return (args.constraints as [VentanaDeFecha])[0];
}

/**
 * A date (YYYY-MM-DD) within its kind's window counted from today in Lima, e.g. the date of the
 * event a reclamo is about: `@IsLimaDate(VENTANAS_DE_FECHA.hechos)`. The message says which limit
 * was crossed and why (see `VENTANAS_DE_FECHA` in @app/calendar).
 */
export function IsLimaDate(ventana: VentanaDeFecha, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isLimaDate',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [ventana],
      options,
      validator: IsLimaDateConstraint,
    });
  };
}
