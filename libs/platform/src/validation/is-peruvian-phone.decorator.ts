import { ValidationOptions } from 'class-validator';
import { checkPhone } from '@app/domain/documents';
import { fieldCheckDecorator } from './field-check.decorator';

/**
 * A Peruvian mobile or landline, as people type it (see `checkPhone`); store
 * `normalizePhone(value)`, not the raw input.
 */
export function IsPeruvianPhone(options?: ValidationOptions): PropertyDecorator {
  return fieldCheckDecorator('isPeruvianPhone', checkPhone, 'escriba el número de teléfono como texto, por ejemplo "987 654 321"', options);
}
