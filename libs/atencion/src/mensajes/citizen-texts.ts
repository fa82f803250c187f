import { CanalReconduccion } from '../acciones/reconducir-reclamo.usecase';

/**
 * The fixed texts of the citizen's reclamo messages: the channels a non-reclamo goes to (domain
 * README, "What is and is not a reclamo") and where to hand in a subsanación. Pure, so the
 * wording is unit-tested; the entity's name is the only data put in.
 */
export interface CanalInfo {
  /** What the channel is, as the citizen reads it. */
  nombre: string;
  /** How to reach it. */
  contacto: (entidadNombre: string) => string;
  /** A national platform, when the channel has one (the others are each entity's own offices). */
  url?: string;
}

export const CANALES_RECONDUCCION: { [C in CanalReconduccion]: CanalInfo } = {
  [CanalReconduccion.QUEJA_DEFECTO_TRAMITACION]: {
    nombre: 'Queja por defecto de tramitación (Ley 27444)',
    contacto: (entidad) =>
      `Preséntela en la mesa de partes de ${entidad} (presencial o virtual), dirigida al superior jerárquico de quien tramita su procedimiento, e indique el número de su expediente.`,
  },
  [CanalReconduccion.ACCESO_INFORMACION]: {
    nombre: 'Solicitud de acceso a la información pública (Ley 27806)',
    contacto: (entidad) =>
      `Preséntela al funcionario responsable de entregar la información de ${entidad}, por su mesa de partes (presencial o virtual) o por el formulario de su Portal de Transparencia Estándar.`,
  },
  [CanalReconduccion.DENUNCIA]: {
    nombre: 'Denuncia ante la Plataforma Digital Única de Denuncias del Ciudadano',
    contacto: () => 'Regístrela en la Plataforma Digital Única de Denuncias del Ciudadano; puede hacerlo con reserva de su identidad.',
    url: 'https://denuncias.servicios.gob.pe/',
  },
  [CanalReconduccion.MESA_DE_PARTES]: {
    nombre: 'Mesa de partes (consulta o petición administrativa)',
    contacto: (entidad) => `Preséntela en la mesa de partes de ${entidad}, presencial o virtual.`,
  },
};

export function canalReconduccion(canal: string): CanalInfo | null {
  return (CANALES_RECONDUCCION as Record<string, CanalInfo | undefined>)[canal] ?? null;
}


