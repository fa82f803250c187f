/**
 * The people on a hoja de reclamación. The reclamante always files; a reclamo
 * may be filed on behalf of someone else (a natural person or a company), and a
 * minor files with a parent's or guardian's data.
 */
export enum RolPersona {
  RECLAMANTE = 'reclamante',
  REPRESENTADO = 'representado',
  APODERADO = 'apoderado',
}

export enum EnRepresentacion {
  NO = 'no',
  PERSONA = 'persona',
  EMPRESA = 'empresa',
}
