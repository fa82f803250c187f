import { ValidationOptions } from 'class-validator';
import { checkRuc } from '@app/domain/documents';
import { fieldCheckDecorator } from './field-check.decorator';

/** An 11-digit RUC with a valid prefix and SUNAT check digit (e.g. a represented company's). */
export function IsRuc(options?: ValidationOptions): PropertyDecorator {
  return fieldCheckDecorator('isRuc', checkRuc, 'escriba el RUC como texto, por ejemplo "20131370998"', options);
}
