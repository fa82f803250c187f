import { ASPECTO_LABELS, Aspecto, FieldError } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { departamentos, distritos, provincias } from '@app/domain/ubigeo';
import { EntidadPublica } from '@app/reclamos';

interface Option {
  value: string;
  label: string;
  selected: boolean;
}

interface OptionGroup {
  label: string;
  options: Option[];
}

/** Every district grouped by departamento and provincia, built once: the form works without JavaScript. */
let ubigeoGroups: Array<{ label: string; options: Array<{ value: string; label: string }> }> | undefined;
function allUbigeoGroups() {
  ubigeoGroups ??= departamentos().flatMap((dep) =>
    provincias(dep.code).map((prov) => ({
      label: `${dep.name} – ${prov.name}`,
      options: distritos(prov.code).map((d) => ({ value: d.code, label: d.name })),
    })),
  );
  return ubigeoGroups;
}

const option = (value: string, label: string, current: unknown): Option => ({ value, label, selected: value === current });

/** Spanish labels of the form's fields, for the error summary ("Número de documento: …"). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  tipoDocumento: 'Tipo de documento',
  numeroDocumento: 'Número de documento',
  nombres: 'Nombres',
  apellidos: 'Apellidos',
  razonSocial: 'Razón social',
  email: 'Correo electrónico',
  telefono: 'Teléfono',
  ubigeo: 'Distrito',
  direccion: 'Dirección',
  sedeId: 'Sede',
  unidadId: 'Unidad orgánica',
  servicioId: 'Servicio o trámite',
  fechaHechos: 'Fecha de los hechos',
  aspecto: 'Aspecto del reclamo',
  descripcion: 'Qué sucedió',
  pedido: 'Qué solicita',
  notificacionEmail: 'Notificación por correo',
  enRepresentacion: 'Presenta en nombre de',
  representadoTipoDocumento: 'Tipo de documento de la persona representada',
  representadoNumeroDocumento: 'Número de documento de la persona representada',
  representadoNombres: 'Nombres de la persona representada',
  representadoApellidos: 'Apellidos de la persona representada',
  representadoRuc: 'RUC de la empresa',
  representadoRazonSocial: 'Razón social de la empresa',
  esMenor: 'Menor de edad',
  apoderadoTipoDocumento: 'Tipo de documento del padre, madre o apoderado',
  apoderadoNumeroDocumento: 'Número de documento del padre, madre o apoderado',
  apoderadoNombres: 'Nombres del padre, madre o apoderado',
  apoderadoApellidos: 'Apellidos del padre, madre o apoderado',
  adjuntos: 'Archivos adjuntos',
  sitioWeb: 'Campo de control',
  claveEnvio: 'Formulario',
};

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
  const ubigeoOptions: OptionGroup[] = allUbigeoGroups().map((g) => ({
    label: g.label,
    options: g.options.map((o) => option(o.value, o.label, values.ubigeo)),
  }));
  return {
    entidad,
    values,
    claveEnvio,
    errors: errorOf,
    errorSummary: errors.map((e) => ({ campo: e.campo, etiqueta: FIELD_LABELS[e.campo] ?? e.campo, mensaje: e.mensaje })),
    tiposDocumento: Object.values(DocumentType).map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.tipoDocumento)),
    tiposDocumentoRepresentado: personalDocs.map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.representadoTipoDocumento)),
    tiposDocumentoApoderado: personalDocs.map((t) => option(t, DOCUMENT_TYPE_LABELS[t], values.apoderadoTipoDocumento)),
    aspectos: Object.values(Aspecto).map((a) => option(a, ASPECTO_LABELS[a], values.aspecto)),
    sedes: entidad.sedes.map((s) => option(s.id, s.nombre, values.sedeId)),
    unidades: entidad.unidades.map((u) => option(u.id, u.nombre, values.unidadId)),
    servicios: entidad.servicios.map((s) => option(s.id, s.nombre, values.servicioId)),
    ubigeos: ubigeoOptions,
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
