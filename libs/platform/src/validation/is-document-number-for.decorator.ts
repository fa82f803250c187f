import { DOCUMENT_TYPE_LABELS, DocumentType, isDocumentType, validateDocument } from '@app/domain/documents';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { fieldMessage } from './field-message';

const TYPE_LIST = Object.values(DocumentType)
  .map((t) => DOCUMENT_TYPE_LABELS[t].replace(/^Carné/, 'carné').replace(/^Pasaporte/, 'pasaporte'))
  .join(', ')
  .replace(/, ([^,]+)$/, ' o $1');

function siblingType(args: ValidationArguments): unknown {
  const [typeProperty] = args.constraints as [string];
  return (args.object as Record<string, unknown>)[typeProperty];
}

const EJEMPLO: Readonly<Record<DocumentType, string>> = {
  [DocumentType.DNI]: '45871236',
  [DocumentType.CARNE_EXTRANJERIA]: '001234567',
  [DocumentType.PASAPORTE]: 'AB123456',
  [DocumentType.RUC]: '20131370998',
};

@ValidatorConstraint({ name: 'isDocumentNumberFor' })
export class IsDocumentNumberForConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const type = siblingType(args);
    return typeof value === 'string' && isDocumentType(type) && validateDocument(type, value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const type = siblingType(args);
    if (!isDocumentType(type)) {
      return `${args.property}: elija primero el tipo de documento (${TYPE_LIST}) y escriba su número`;
    }
    if (typeof args.value !== 'string') {
      return `${args.property}: escriba el número de ${DOCUMENT_TYPE_LABELS[type]} como texto, por ejemplo "${EJEMPLO[type]}"`;
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
 * Numbers are accepted as people type them (spaces, dots, dashes, a DNI's check character,
 * lower case), as in `validateDocument`; store its `normalized` value, not the raw input.
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
