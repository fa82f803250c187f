import { ASPECTO_LABELS, Aspecto, FieldError } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { EntidadPublica, HOJA_FIELD_LABELS } from '@app/reclamos';
import { buildUbicacion } from './ubicacion-view-model';

interface Option {
  value: string;
  label: string;
  selected: boolean;
}


const option = (value: string, label: string, current: unknown): Option => ({ value, label, selected: value === current });


/** What the hoja's template needs: options with the typed values kept, and errors by field. */
export function buildFormViewModel(
  entidad: EntidadPublica,
  values: Record<string, unknown>,
  errors: FieldError[],
  claveEnvio: string,
) {
  const errorOf: Record<string, string> = {};
  for (const e of errors) errorOf[e.campo] ??= e.mensaje;
  const personalDocs = [DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE];
  return {
    entidad,
    values,
    claveEnvio,
    errors: errorOf,
    errorSummary: errors.map((e) => ({ campo: e.campo, etiqueta: HOJA_FIELD_LABELS[e.campo] ?? e.campo, mensaje: e.mensaje })),
    tiposDocumento: Object.values(DocumentType).map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.tipoDocumento)),
    tiposDocumentoRepresentado: personalDocs.map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.representadoTipoDocumento)),
    tiposDocumentoApoderado: personalDocs.map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.apoderadoTipoDocumento)),
    aspectos: Object.values(Aspecto).map((a) => option(a, ASPECTO_LABELS[a], values.aspecto)),
    sedes: entidad.sedes.map((s) => option(s.id, s.nombre, values.sedeId)),
    unidades: entidad.unidades.map((u) => option(u.id, u.nombre, values.unidadId)),
    servicios: entidad.servicios.map((s) => option(s.id, s.nombre, values.servicioId)),
    ubicacion: buildUbicacion(entidad.codigo, values, errorOf),
    notificacionSi: values.notificacionEmail === 'si' || values.notificacionEmail === true,
    notificacionNo: values.notificacionEmail === 'no' || values.notificacionEmail === false,
    representacion: {
      no: !values.enRepresentacion || values.enRepresentacion === 'no',
      persona: values.enRepresentacion === 'persona',
      empresa: values.enRepresentacion === 'empresa',
    },
    esMenor: values.esMenor === 'si' || values.esMenor === true,
  };
}
