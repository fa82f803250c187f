import { DOCUMENT_TYPE_LABELS, DocumentType, isDocumentType, validateDocument } from '@app/domain/documents';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { fieldMessage } from './field-message';

const TYPE_LIST = Object.values(DocumentType).join(', ');

function siblingType(args: ValidationArguments): unknown {
  const [typeProperty] = args.constraints as [string];
  return (args.object as Record<string, unknown>)[typeProperty];
}

@ValidatorConstraint({ name: 'isDocumentNumberFor' })
export class IsDocumentNumberForConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const type = siblingType(args);
    return typeof value === 'string' && isDocumentType(type) && validateDocument(type, value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const [typeProperty] = args.constraints as [string];
    const type = siblingType(args);
    if (!isDocumentType(type)) {
      return `${args.property}: no se puede validar sin un ${typeProperty} válido (${TYPE_LIST})`;
    }
    if (typeof args.value !== 'string') {
      return `${args.property}: debe ser un texto con el número de ${DOCUMENT_TYPE_LABELS[type]}`;
    }
    const check = validateDocument(type, args.value);
    return check.ok ? `${args.property}: no es válido` : fieldMessage(args.property, check.message);
  }
}

/**
 * Validates a document number against the document type held by a sibling property:
 *
 *   @IsEnum(DocumentType) tipoDocumento!: DocumentType;
 *   @IsDocumentNumberFor('tipoDocumento') numeroDocumento!: string;
 *
 * Leading and trailing spaces and lower case (CE, pasaporte) are accepted, as in
 * `validateDocument`; store its `normalized` value, not the raw input.
 */
export function IsDocumentNumberFor(typeProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isDocumentNumberFor',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [typeProperty],
      options,
      validator: IsDocumentNumberForConstraint,
    });
  };
}
