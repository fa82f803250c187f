import { fechaEnPalabras, ParteDeFecha } from '@app/calendar';
import { ASPECTO_LABELS, Aspecto, EnRepresentacion, FieldError } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { ubigeoLabel } from '@app/domain/ubigeo';
import { AdjuntoEnEspera, EntidadPublica, HOJA_FIELD_LABELS, HojaReclamacionDto } from '@app/reclamos';
import { PARTES_DE_FECHA } from '../filing/hoja-form';
import { buildUbicacion } from './ubicacion-view-model';

interface Option {
  value: string;
  label: string;
  selected: boolean;
}


const option = (value: string, label: string, current: unknown): Option => ({ value, label, selected: value === current });


/** The id of each box of the date: the summary's link for an error about that box lands in it. */
const ID_DE_PARTE: Readonly<Record<ParteDeFecha, string>> = { dia: 'fechaHechos', mes: 'fechaHechos-mes', anio: 'fechaHechos-anio' };

/** «1,2 MB», «350 KB»: a file's size as a person reads it. */
export function tamanoLegible(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('es-PE', { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-PE')} KB`;
}

/** The date's three boxes as typed, or split from the AAAA-MM-DD the review step sends back. */
function partesDeFecha(values: Record<string, unknown>): { dia: unknown; mes: unknown; anio: unknown } {
  const iso = typeof values.fechaHechos === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.fechaHechos) : null;
  if (values[PARTES_DE_FECHA.dia] === undefined && values[PARTES_DE_FECHA.mes] === undefined && values[PARTES_DE_FECHA.anio] === undefined && iso) {
    return { dia: String(Number(iso[3])), mes: String(Number(iso[2])), anio: iso[1] };
  }
  return { dia: values[PARTES_DE_FECHA.dia], mes: values[PARTES_DE_FECHA.mes], anio: values[PARTES_DE_FECHA.anio] };
}

/**
 * What the hoja's template needs: options with the typed values kept, errors by field and in a summary
 * (in page order, with the page's own labels), and the files kept from an earlier post of this form.
 */
export function buildFormViewModel(
  entidad: EntidadPublica,
  values: Record<string, unknown>,
  errors: FieldError[],
  claveEnvio: string,
  guardados: readonly AdjuntoEnEspera[] = [],
  parteConError: ParteDeFecha | null = null,
) {
  const errorOf: Record<string, string> = {};
  for (const e of errors) errorOf[e.campo] ??= e.mensaje;
  const anclaDe = (campo: string): string => (campo === 'fechaHechos' && parteConError ? ID_DE_PARTE[parteConError] : campo);
  const personalDocs = [DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE];
  return {
    entidad,
    values,
    claveEnvio,
    errors: errorOf,
    errorSummary: errors.map((e) => ({ campo: e.campo, ancla: anclaDe(e.campo), etiqueta: HOJA_FIELD_LABELS[e.campo] ?? e.campo, mensaje: e.mensaje })),
    fecha: partesDeFecha(values),
    fechaConError: { dia: parteConError === 'dia', mes: parteConError === 'mes', anio: parteConError === 'anio', todas: !!errorOf.fechaHechos && !parteConError },
    guardados: guardados.map((a) => ({ id: a.id, nombre: a.nombreOriginal, tamano: tamanoLegible(a.bytes) })),
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

/** One answer on «Revise su reclamo». */
interface Fila {
  etiqueta: string;
  valor: string;
}

/** A section of the review, as the form's own sections, with where its «Cambiar» takes the person. */
interface SeccionRevisada {
  id: string;
  titulo: string;
  /** The field the «Cambiar» lands on (the section's first). */
  ancla: string;
  filas: Fila[];
}

const nombreDe = (lista: ReadonlyArray<{ id: string; nombre: string }>, id: string | undefined): string =>
  lista.find((o) => o.id === id)?.nombre ?? '';

/**
 * «Revise su reclamo»: every answer of a valid hoja, by the form's sections, with a «Cambiar» per
 * section; and every field again as a hidden input, so the step is a plain form that posts the same
 * hoja back to be filed (or changed) without JavaScript, the files waiting under the form's key.
 */
export function buildReviewViewModel(
  entidad: EntidadPublica,
  hoja: HojaReclamacionDto,
  campos: Record<string, string>,
  guardados: readonly AdjuntoEnEspera[],
) {
  const persona = (tipo: DocumentType | undefined, numero: string | undefined) =>
    tipo ? `${DOCUMENT_TYPE_LABELS[tipo]} ${numero ?? ''}`.trim() : '';
  const secciones: SeccionRevisada[] = [
    {
      id: 'datos',
      titulo: 'Sus datos',
      ancla: 'tipoDocumento',
      filas: [
        { etiqueta: 'Documento', valor: persona(hoja.tipoDocumento, hoja.numeroDocumento) },
        { etiqueta: 'Nombres y apellidos', valor: `${hoja.nombres} ${hoja.apellidos}` },
        ...(hoja.razonSocial ? [{ etiqueta: HOJA_FIELD_LABELS.razonSocial, valor: hoja.razonSocial }] : []),
        { etiqueta: HOJA_FIELD_LABELS.email, valor: hoja.email ?? 'No indicó' },
        { etiqueta: HOJA_FIELD_LABELS.telefono, valor: hoja.telefono ?? 'No indicó' },
      ],
    },
    {
      id: 'respuesta',
      titulo: 'Cómo recibirá la respuesta',
      ancla: 'notificacionEmail',
      filas: [
        { etiqueta: 'Respuesta', valor: hoja.notificacionEmail ? `Por correo electrónico, a ${hoja.email ?? ''}` : 'En su dirección' },
        ...(hoja.ubigeo ? [{ etiqueta: HOJA_FIELD_LABELS.ubigeo, valor: ubigeoLabel(hoja.ubigeo) ?? hoja.ubigeo }] : []),
        ...(hoja.direccion ? [{ etiqueta: HOJA_FIELD_LABELS.direccion, valor: hoja.direccion }] : []),
      ],
    },
    {
      id: 'lugar',
      titulo: 'Dónde y cuándo ocurrió',
      ancla: 'sedeId',
      filas: [
        { etiqueta: HOJA_FIELD_LABELS.sedeId, valor: nombreDe(entidad.sedes, hoja.sedeId) },
        { etiqueta: HOJA_FIELD_LABELS.servicioId, valor: nombreDe(entidad.servicios, hoja.servicioId) },
        { etiqueta: HOJA_FIELD_LABELS.unidadId, valor: hoja.unidadId ? nombreDe(entidad.unidades, hoja.unidadId) : 'No sé / no aplica' },
        { etiqueta: HOJA_FIELD_LABELS.fechaHechos, valor: fechaEnPalabras(hoja.fechaHechos) },
      ],
    },
    {
      id: 'reclamo',
      titulo: 'Su reclamo',
      ancla: `aspecto-${hoja.aspecto}`,
      filas: [
        { etiqueta: HOJA_FIELD_LABELS.aspecto, valor: ASPECTO_LABELS[hoja.aspecto] },
        { etiqueta: HOJA_FIELD_LABELS.descripcion, valor: hoja.descripcion },
        { etiqueta: HOJA_FIELD_LABELS.pedido, valor: hoja.pedido },
        {
          etiqueta: HOJA_FIELD_LABELS.adjuntos,
          valor: guardados.length > 0 ? guardados.map((a) => `${a.nombreOriginal} (${tamanoLegible(a.bytes)})`).join('\n') : 'Ninguno',
        },
      ],
    },
    {
      id: 'representacion',
      titulo: 'En nombre de quién presenta',
      ancla: 'enRepresentacion',
      filas:
        hoja.enRepresentacion === EnRepresentacion.PERSONA
          ? [
              { etiqueta: 'Presenta en nombre de', valor: `${hoja.representadoNombres ?? ''} ${hoja.representadoApellidos ?? ''}`.trim() },
              { etiqueta: 'Su documento', valor: persona(hoja.representadoTipoDocumento, hoja.representadoNumeroDocumento) },
            ]
          : hoja.enRepresentacion === EnRepresentacion.EMPRESA
            ? [{ etiqueta: 'Presenta en nombre de la empresa', valor: `${hoja.representadoRazonSocial ?? ''} (RUC ${hoja.representadoRuc ?? ''})` }]
            : [{ etiqueta: 'Presenta', valor: 'Por usted mismo' }],
    },
    {
      id: 'menor',
      titulo: 'Menor de edad',
      ancla: 'esMenor',
      filas: hoja.esMenor
        ? [
            { etiqueta: 'Es menor de edad', valor: 'Sí' },
            {
              etiqueta: 'Padre, madre o apoderado',
              valor: `${hoja.apoderadoNombres ?? ''} ${hoja.apoderadoApellidos ?? ''}, ${persona(hoja.apoderadoTipoDocumento, hoja.apoderadoNumeroDocumento)}`,
            },
          ]
        : [{ etiqueta: 'Es menor de edad', valor: 'No' }],
    },
  ];
  const { claveEnvio, ...resto } = campos;
  return {
    entidad,
    claveEnvio,
    secciones,
    ocultos: Object.entries(resto).map(([name, value]) => ({ name, value })),
  };
}
