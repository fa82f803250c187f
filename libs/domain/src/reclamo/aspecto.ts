/**
 * The six aspects a reclamo may concern: the fixed first-level classification
 * of D.S. N° 007-2020-PCM. Entities add second-level topics of their own.
 */
export enum Aspecto {
  TRATO_PROFESIONAL = 'trato_profesional',
  INFORMACION = 'informacion',
  TIEMPO_ESPERA = 'tiempo_espera',
  ACCESO = 'acceso',
  RESULTADO = 'resultado',
  CONFIANZA = 'confianza',
}

export const ASPECTO_LABELS: Readonly<Record<Aspecto, string>> = {
  [Aspecto.TRATO_PROFESIONAL]: 'Trato profesional durante la atención',
  [Aspecto.INFORMACION]: 'Información',
  [Aspecto.TIEMPO_ESPERA]: 'Tiempo de espera o de atención',
  [Aspecto.ACCESO]: 'Acceso al bien o servicio',
  [Aspecto.RESULTADO]: 'Resultado del servicio',
  [Aspecto.CONFIANZA]: 'Confianza en la entidad',
};
