import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { FieldCheck } from '@app/domain/documents';
import { fieldMessage } from './field-message';

/**
 * A property decorator from one of the domain's `check…` functions: valid when the check
 * passes, and the check's own Spanish sentence, prefixed with the field, when it does not.
 */
export function fieldCheckDecorator(
  name: string,
  check: (value: string) => FieldCheck,
  notTextSentence: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && check(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const property = args?.property ?? 'campo';
          if (typeof args?.value !== 'string') return `${property}: ${notTextSentence}`;
          const result = check(args.value);
          return result.ok ? `${property}: no es válido` : fieldMessage(property, result.message);
        },
      },
    },
    options,
  );
}
