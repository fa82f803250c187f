/**
 * The hoja's fields in the order the page shows them, each with the label the page shows beside it (or
 * its group's question): the error summary says «Etiqueta: mensaje» with these very words and lists the
 * errors in this order, so a person finds each one where the summary said (issue 13).
 */
export const HOJA_FIELD_LABELS: Readonly<Record<string, string>> = {
  tipoDocumento: 'Tipo de documento',
  numeroDocumento: 'Número de documento',
  nombres: 'Nombres',
  apellidos: 'Apellidos',
  razonSocial: 'Razón social',
  email: 'Correo electrónico',
  telefono: 'Teléfono',
  notificacionEmail: '¿Cómo quiere recibir la respuesta?',
  departamento: 'Departamento',
  provincia: 'Provincia',
  ubigeo: 'Distrito',
  direccion: 'Dirección',
  sedeId: 'Sede',
  servicioId: 'Servicio o trámite',
  unidadId: 'Área o unidad que lo atendió',
  fechaHechos: 'Fecha de los hechos',
  aspecto: 'Aspecto con el que no está conforme',
  descripcion: 'Cuéntenos qué sucedió',
  pedido: '¿Qué solicita a la entidad?',
  adjuntos: 'Archivos de respaldo',
  enRepresentacion: '¿Presenta en nombre de otra persona o empresa?',
  representadoTipoDocumento: 'Tipo de documento de la persona representada',
  representadoNumeroDocumento: 'Número de documento de la persona representada',
  representadoNombres: 'Nombres de la persona representada',
  representadoApellidos: 'Apellidos de la persona representada',
  representadoRuc: 'RUC de la empresa',
  representadoRazonSocial: 'Razón social de la empresa',
  esMenor: '¿Es usted menor de edad?',
  apoderadoTipoDocumento: 'Tipo de documento del padre, madre o apoderado',
  apoderadoNumeroDocumento: 'Número de documento del padre, madre o apoderado',
  apoderadoNombres: 'Nombres del padre, madre o apoderado',
  apoderadoApellidos: 'Apellidos del padre, madre o apoderado',
  sitioWeb: 'No llene este campo',
  claveEnvio: 'Formulario',
};

const ORDEN = Object.keys(HOJA_FIELD_LABELS);

/** Sorts errors by where their field sits on the page; a field the page does not show goes last. */
export function enOrdenDeLaHoja<T extends { campo: string }>(errores: readonly T[]): T[] {
  const posicion = (campo: string): number => (ORDEN.includes(campo) ? ORDEN.indexOf(campo) : ORDEN.length);
  return [...errores].sort((a, b) => posicion(a.campo) - posicion(b.campo));
}
