/** Kinds of public entity. Tramos group entities by kind, so this list is closed. */
export enum TipoEntidad {
  MINISTERIO = 'ministerio',
  ORGANISMO_PUBLICO = 'organismo_publico',
  FFAA_POLICIA = 'ffaa_policia',
  GOBIERNO_REGIONAL = 'gobierno_regional',
  MUNICIPALIDAD_PROVINCIAL = 'municipalidad_provincial',
  MUNICIPALIDAD_DISTRITAL = 'municipalidad_distrital',
  UNIVERSIDAD = 'universidad',
  EMPRESA_ESTADO = 'empresa_estado',
  OTRO = 'otro',
}

export const TIPO_ENTIDAD_LABELS: Readonly<Record<TipoEntidad, string>> = {
  [TipoEntidad.MINISTERIO]: 'Ministerio',
  [TipoEntidad.ORGANISMO_PUBLICO]: 'Organismo público',
  [TipoEntidad.FFAA_POLICIA]: 'Fuerzas Armadas / Policía Nacional',
  [TipoEntidad.GOBIERNO_REGIONAL]: 'Gobierno regional',
  [TipoEntidad.MUNICIPALIDAD_PROVINCIAL]: 'Municipalidad provincial',
  [TipoEntidad.MUNICIPALIDAD_DISTRITAL]: 'Municipalidad distrital',
  [TipoEntidad.UNIVERSIDAD]: 'Universidad pública',
  [TipoEntidad.EMPRESA_ESTADO]: 'Empresa del Estado',
  [TipoEntidad.OTRO]: 'Otra entidad',
};

export enum NivelGobierno {
  NACIONAL = 'nacional',
  REGIONAL = 'regional',
  LOCAL = 'local',
}

/** Short code of an entity: it prefixes every reclamo code, so it is kept short and plain. */
export const CODIGO_ENTIDAD_PATTERN = /^[A-Z0-9]{2,20}$/;
