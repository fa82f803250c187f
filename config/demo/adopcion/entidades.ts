import { TipoEntidad } from '@app/domain';

/**
 * The rollout's entities the adoption demo adds to the registry, by tramo, with their real public names
 * (D.S. N° 054-2018-PCM's list of ministries and organismos públicos, the Armed Forces, the 25 gobiernos
 * regionales, provincial and district municipalities, universities and state companies). The 37
 * entities of `npm run seed` (17 of them in Tramo I) come on top: with these, Tramo I has 107 entities,
 * as in the SGP's report of June 2021.
 *
 * Only the names are real. The RUCs are made up by `adopcion.ts` (a valid SUNAT check digit, not the
 * entity's real RUC), and every account, oficio and reclamo behind them is fictitious.
 */
export interface EntidadAdopcion {
  readonly codigo: string;
  readonly nombre: string;
  readonly tipo: TipoEntidad;
  readonly sector: string;
  /** INEI district of its main office. */
  readonly ubigeo: string;
}

const { MINISTERIO, ORGANISMO_PUBLICO, FFAA_POLICIA, GOBIERNO_REGIONAL, MUNICIPALIDAD_PROVINCIAL, MUNICIPALIDAD_DISTRITAL, UNIVERSIDAD, EMPRESA_ESTADO, OTRO } =
  TipoEntidad;

const op = (codigo: string, nombre: string, sector: string, ubigeo = '150101'): EntidadAdopcion => ({ codigo, nombre, tipo: ORGANISMO_PUBLICO, sector, ubigeo });

/** Tramo I (ministries, organismos públicos, FF.AA. and PNP): 90 entities besides the seed's 17. */
export const TRAMO_I: readonly EntidadAdopcion[] = [
  { codigo: 'MINSA', nombre: 'Ministerio de Salud', tipo: MINISTERIO, sector: 'Salud', ubigeo: '150136' },
  { codigo: 'MIDAGRI', nombre: 'Ministerio de Desarrollo Agrario y Riego', tipo: MINISTERIO, sector: 'Desarrollo Agrario y Riego', ubigeo: '150113' },
  { codigo: 'MINAM', nombre: 'Ministerio del Ambiente', tipo: MINISTERIO, sector: 'Ambiente', ubigeo: '150131' },
  { codigo: 'MINCETUR', nombre: 'Ministerio de Comercio Exterior y Turismo', tipo: MINISTERIO, sector: 'Comercio Exterior y Turismo', ubigeo: '150131' },
  { codigo: 'MINDEF', nombre: 'Ministerio de Defensa', tipo: MINISTERIO, sector: 'Defensa', ubigeo: '150130' },
  { codigo: 'MINEM', nombre: 'Ministerio de Energía y Minas', tipo: MINISTERIO, sector: 'Energía y Minas', ubigeo: '150130' },
  { codigo: 'MIMP', nombre: 'Ministerio de la Mujer y Poblaciones Vulnerables', tipo: MINISTERIO, sector: 'Mujer y Poblaciones Vulnerables', ubigeo: '150101' },
  { codigo: 'PRODUCE', nombre: 'Ministerio de la Producción', tipo: MINISTERIO, sector: 'Producción', ubigeo: '150131' },
  { codigo: 'RREE', nombre: 'Ministerio de Relaciones Exteriores', tipo: MINISTERIO, sector: 'Relaciones Exteriores', ubigeo: '150101' },
  { codigo: 'VIVIENDA', nombre: 'Ministerio de Vivienda, Construcción y Saneamiento', tipo: MINISTERIO, sector: 'Vivienda, Construcción y Saneamiento', ubigeo: '150131' },
  { codigo: 'MGP', nombre: 'Marina de Guerra del Perú', tipo: FFAA_POLICIA, sector: 'Defensa', ubigeo: '150130' },
  { codigo: 'FAP', nombre: 'Fuerza Aérea del Perú', tipo: FFAA_POLICIA, sector: 'Defensa', ubigeo: '150130' },
  { codigo: 'CCFFAA', nombre: 'Comando Conjunto de las Fuerzas Armadas', tipo: FFAA_POLICIA, sector: 'Defensa', ubigeo: '150130' },
  op('SUNAFIL', 'Superintendencia Nacional de Fiscalización Laboral', 'Trabajo y Promoción del Empleo', '150113'),
  op('SERVIR', 'Autoridad Nacional del Servicio Civil', 'Presidencia del Consejo de Ministros', '150131'),
  op('INEI', 'Instituto Nacional de Estadística e Informática', 'Presidencia del Consejo de Ministros', '150113'),
  op('OSINERGMIN', 'Organismo Supervisor de la Inversión en Energía y Minería', 'Presidencia del Consejo de Ministros', '150130'),
  op('SUNASS', 'Superintendencia Nacional de Servicios de Saneamiento', 'Presidencia del Consejo de Ministros', '150131'),
  op('OSITRAN', 'Organismo Supervisor de la Inversión en Infraestructura de Transporte de Uso Público', 'Presidencia del Consejo de Ministros', '150140'),
  op('SUSALUD', 'Superintendencia Nacional de Salud', 'Salud', '150113'),
  op('ONP', 'Oficina de Normalización Previsional', 'Economía y Finanzas', '150140'),
  op('SIS', 'Seguro Integral de Salud', 'Salud', '150122'),
  op('SENAMHI', 'Servicio Nacional de Meteorología e Hidrología del Perú', 'Ambiente', '150113'),
  op('SENASA', 'Servicio Nacional de Sanidad Agraria', 'Desarrollo Agrario y Riego', '150114'),
  op('SERFOR', 'Servicio Nacional Forestal y de Fauna Silvestre', 'Desarrollo Agrario y Riego', '150131'),
  op('SERNANP', 'Servicio Nacional de Áreas Naturales Protegidas por el Estado', 'Ambiente', '150131'),
  op('OEFA', 'Organismo de Evaluación y Fiscalización Ambiental', 'Ambiente', '150113'),
  op('SENACE', 'Servicio Nacional de Certificación Ambiental para las Inversiones Sostenibles', 'Ambiente', '150140'),
  op('ANA', 'Autoridad Nacional del Agua', 'Desarrollo Agrario y Riego', '150131'),
  op('INGEMMET', 'Instituto Geológico, Minero y Metalúrgico', 'Energía y Minas', '150130'),
  op('IPEN', 'Instituto Peruano de Energía Nuclear', 'Energía y Minas', '150130'),
  op('SANIPES', 'Organismo Nacional de Sanidad Pesquera', 'Producción', '150131'),
  op('ITP', 'Instituto Tecnológico de la Producción', 'Producción', '070101'),
  op('INACAL', 'Instituto Nacional de Calidad', 'Producción', '150131'),
  op('PROMPERU', 'Comisión de Promoción del Perú para la Exportación y el Turismo', 'Comercio Exterior y Turismo', '150131'),
  op('CONCYTEC', 'Consejo Nacional de Ciencia, Tecnología e Innovación Tecnológica', 'Presidencia del Consejo de Ministros', '150130'),
  op('SUNEDU', 'Superintendencia Nacional de Educación Superior Universitaria', 'Educación', '150131'),
  op('SINEACE', 'Sistema Nacional de Evaluación, Acreditación y Certificación de la Calidad Educativa', 'Educación', '150131'),
  op('INS', 'Instituto Nacional de Salud', 'Salud', '150113'),
  op('INEN', 'Instituto Nacional de Enfermedades Neoplásicas', 'Salud', '150140'),
  op('DEVIDA', 'Comisión Nacional para el Desarrollo y Vida sin Drogas', 'Presidencia del Consejo de Ministros', '150131'),
  op('CEPLAN', 'Centro Nacional de Planeamiento Estratégico', 'Presidencia del Consejo de Ministros', '150131'),
  op('OSCE', 'Organismo Supervisor de las Contrataciones del Estado', 'Economía y Finanzas', '150113'),
  op('PERUCOMPRAS', 'Central de Compras Públicas', 'Economía y Finanzas', '150131'),
  op('INDECI', 'Instituto Nacional de Defensa Civil', 'Defensa', '150130'),
  op('CENEPRED', 'Centro Nacional de Estimación, Prevención y Reducción del Riesgo de Desastres', 'Defensa', '150131'),
  op('SUCAMEC', 'Superintendencia Nacional de Control de Servicios de Seguridad, Armas, Municiones y Explosivos de Uso Civil', 'Interior', '150113'),
  op('INPE', 'Instituto Nacional Penitenciario', 'Justicia y Derechos Humanos', '150131'),
  op('PRONACEJ', 'Programa Nacional de Centros Juveniles', 'Justicia y Derechos Humanos', '150101'),
  op('CONADIS', 'Consejo Nacional para la Integración de la Persona con Discapacidad', 'Mujer y Poblaciones Vulnerables', '150116'),
  op('SENCICO', 'Servicio Nacional de Capacitación para la Industria de la Construcción', 'Vivienda, Construcción y Saneamiento', '150131'),
  op('COFOPRI', 'Organismo de Formalización de la Propiedad Informal', 'Vivienda, Construcción y Saneamiento', '150101'),
  op('ATU', 'Autoridad de Transporte Urbano para Lima y Callao', 'Transportes y Comunicaciones', '150131'),
  op('APN', 'Autoridad Portuaria Nacional', 'Transportes y Comunicaciones', '070101'),
  op('SUTRAN', 'Superintendencia de Transporte Terrestre de Personas, Carga y Mercancías', 'Transportes y Comunicaciones', '150101'),
  op('INAIGEM', 'Instituto Nacional de Investigación en Glaciares y Ecosistemas de Montaña', 'Ambiente', '020101'),
  op('IGP', 'Instituto Geofísico del Perú', 'Ambiente', '150114'),
  op('IIAP', 'Instituto de Investigaciones de la Amazonía Peruana', 'Ambiente', '160101'),
  op('CONIDA', 'Agencia Espacial del Perú', 'Defensa', '150131'),
  op('IGN', 'Instituto Geográfico Nacional', 'Defensa', '150140'),
  op('SMV', 'Superintendencia del Mercado de Valores', 'Economía y Finanzas', '150122'),
  op('APCI', 'Agencia Peruana de Cooperación Internacional', 'Relaciones Exteriores', '150122'),
  op('INIA', 'Instituto Nacional de Innovación Agraria', 'Desarrollo Agrario y Riego', '150114'),
  op('IPD', 'Instituto Peruano del Deporte', 'Educación', '150115'),
  op('BNP', 'Biblioteca Nacional del Perú', 'Cultura', '150130'),
  op('AGN', 'Archivo General de la Nación', 'Cultura', '150101'),
  op('IRTP', 'Instituto Nacional de Radio y Televisión del Perú', 'Cultura', '150116'),
  op('PROINVERSION', 'Agencia de Promoción de la Inversión Privada', 'Economía y Finanzas', '150131'),
  op('SBN', 'Superintendencia Nacional de Bienes Estatales', 'Vivienda, Construcción y Saneamiento', '150131'),
  op('DINI', 'Dirección Nacional de Inteligencia', 'Presidencia del Consejo de Ministros', '150140'),
  op('OSINFOR', 'Organismo de Supervisión de los Recursos Forestales y de Fauna Silvestre', 'Presidencia del Consejo de Ministros', '150131'),
  op('PNCVFS', 'Programa Nacional para la Prevención y Erradicación de la Violencia contra las Mujeres', 'Mujer y Poblaciones Vulnerables', '150101'),
  op('INABIF', 'Programa Integral Nacional para el Bienestar Familiar', 'Mujer y Poblaciones Vulnerables', '150101'),
  op('QALIWARMA', 'Programa Nacional de Alimentación Escolar Qali Warma', 'Desarrollo e Inclusión Social', '150131'),
  op('PENSION65', 'Programa Nacional de Asistencia Solidaria Pensión 65', 'Desarrollo e Inclusión Social', '150131'),
  op('JUNTOS', 'Programa Nacional de Apoyo Directo a los más Pobres Juntos', 'Desarrollo e Inclusión Social', '150131'),
  op('CUNAMAS', 'Programa Nacional Cuna Más', 'Desarrollo e Inclusión Social', '150131'),
  op('FONCODES', 'Fondo de Cooperación para el Desarrollo Social', 'Desarrollo e Inclusión Social', '150131'),
  op('PRONABEC', 'Programa Nacional de Becas y Crédito Educativo', 'Educación', '150101'),
  op('PRONIED', 'Programa Nacional de Infraestructura Educativa', 'Educación', '150101'),
  op('PROVIAS', 'Proyecto Especial de Infraestructura de Transporte Nacional Provías Nacional', 'Transportes y Comunicaciones', '150101'),
  op('PROVIASDES', 'Provías Descentralizado', 'Transportes y Comunicaciones', '150101'),
  op('PRONATEL', 'Programa Nacional de Telecomunicaciones', 'Transportes y Comunicaciones', '150101'),
  op('AGRORURAL', 'Programa de Desarrollo Productivo Agrario Rural', 'Desarrollo Agrario y Riego', '150113'),
  op('TRABAJAPERU', 'Programa para la Generación de Empleo Social Inclusivo Trabaja Perú', 'Trabajo y Promoción del Empleo', '150113'),
  op('PNSU', 'Programa Nacional de Saneamiento Urbano', 'Vivienda, Construcción y Saneamiento', '150131'),
  op('PNSR', 'Programa Nacional de Saneamiento Rural', 'Vivienda, Construcción y Saneamiento', '150131'),
  op('CENARES', 'Centro Nacional de Abastecimiento de Recursos Estratégicos en Salud', 'Salud', '150136'),
  op('INSN', 'Instituto Nacional de Salud del Niño', 'Salud', '150101'),
  op('INMP', 'Instituto Nacional Materno Perinatal', 'Salud', '150101'),
];

/** An entity named by its kind and its place («Gobierno Regional de Cusco»): one shape for the three lists below. */
const porLugar =
  (tipo: TipoEntidad, sector: string, prefijo: string) =>
  (codigo: string, lugar: string, ubigeo: string): EntidadAdopcion => ({ codigo, nombre: `${prefijo} ${lugar}`, tipo, sector, ubigeo });

const gore = porLugar(GOBIERNO_REGIONAL, 'Gobiernos regionales', 'Gobierno Regional de');

/** Tramo II (gobiernos regionales): the 20 the seed does not have. */
export const TRAMO_II: readonly EntidadAdopcion[] = [
  gore('GOREAMAZONAS', 'Amazonas', '010101'),
  gore('GOREANCASH', 'Áncash', '020101'),
  gore('GOREAPURIMAC', 'Apurímac', '030101'),
  gore('GOREAYACUCHO', 'Ayacucho', '050101'),
  gore('GORECAJAMARCA', 'Cajamarca', '060101'),
  gore('GORECALLAO', 'Callao', '070101'),
  gore('GOREHUANCAVELICA', 'Huancavelica', '090101'),
  gore('GOREHUANUCO', 'Huánuco', '100101'),
  gore('GOREICA', 'Ica', '110101'),
  gore('GORELAMBAYEQUE', 'Lambayeque', '140101'),
  gore('GORELIMA', 'Lima', '150801'),
  gore('GORELORETO', 'Loreto', '160101'),
  gore('GOREMADREDEDIOS', 'Madre de Dios', '170101'),
  gore('GOREMOQUEGUA', 'Moquegua', '180101'),
  gore('GOREPASCO', 'Pasco', '190101'),
  gore('GOREPUNO', 'Puno', '210101'),
  gore('GORESANMARTIN', 'San Martín', '220101'),
  gore('GORETACNA', 'Tacna', '230101'),
  gore('GORETUMBES', 'Tumbes', '240101'),
  gore('GOREUCAYALI', 'Ucayali', '250101'),
];

const provincial = porLugar(MUNICIPALIDAD_PROVINCIAL, 'Gobiernos locales', 'Municipalidad Provincial de');

/** Tramo III (municipalidades provinciales). */
export const TRAMO_III: readonly EntidadAdopcion[] = [
  provincial('MPTRUJILLO', 'Trujillo', '130101'),
  provincial('MPCHICLAYO', 'Chiclayo', '140101'),
  provincial('MPPIURA', 'Piura', '200101'),
  provincial('MPHUANCAYO', 'Huancayo', '120101'),
  provincial('MPICA', 'Ica', '110101'),
  provincial('MPPUNO', 'Puno', '210101'),
  provincial('MPTACNA', 'Tacna', '230101'),
  provincial('MPCAJAMARCA', 'Cajamarca', '060101'),
  provincial('MPHUAMANGA', 'Huamanga', '050101'),
  provincial('MPMAYNAS', 'Maynas', '160101'),
  provincial('MPCALLAO', 'Callao', '070101'),
  provincial('MPSANTA', 'Santa', '021801'),
  provincial('MPHUANUCO', 'Huánuco', '100101'),
  provincial('MPCPORTILLO', 'Coronel Portillo', '250101'),
  provincial('MPSANMARTIN', 'San Martín', '220901'),
  provincial('MPTUMBES', 'Tumbes', '240101'),
  provincial('MPHUARAZ', 'Huaraz', '020101'),
];

const distrital = porLugar(MUNICIPALIDAD_DISTRITAL, 'Gobiernos locales', 'Municipalidad Distrital de');

/** Tramo IV (municipalidades distritales and universidades públicas). */
export const TRAMO_IV: readonly EntidadAdopcion[] = [
  distrital('MDSANBORJA', 'San Borja', '150130'),
  distrital('MDJESUSMARIA', 'Jesús María', '150113'),
  distrital('MDLAMOLINA', 'La Molina', '150114'),
  distrital('MDLOSOLIVOS', 'Los Olivos', '150117'),
  distrital('MDATE', 'Ate', '150103'),
  distrital('MDCOMAS', 'Comas', '150110'),
  distrital('MDVES', 'Villa El Salvador', '150142'),
  distrital('MDSMP', 'San Martín de Porres', '150135'),
  distrital('MDCHORRILLOS', 'Chorrillos', '150108'),
  distrital('MDBARRANCO', 'Barranco', '150104'),
  distrital('MDLINCE', 'Lince', '150116'),
  distrital('MDMAGDALENA', 'Magdalena del Mar', '150120'),
  distrital('MDSURQUILLO', 'Surquillo', '150141'),
  distrital('MDCAYMA', 'Cayma', '040103'),
  distrital('MDWANCHAQ', 'Wanchaq', '080108'),
  distrital('MDINDEPENDENCIA', 'Independencia', '150112'),
  { codigo: 'UNT', nombre: 'Universidad Nacional de Trujillo', tipo: UNIVERSIDAD, sector: 'Educación', ubigeo: '130101' },
  { codigo: 'UNAP', nombre: 'Universidad Nacional del Altiplano', tipo: UNIVERSIDAD, sector: 'Educación', ubigeo: '210101' },
  { codigo: 'UNALM', nombre: 'Universidad Nacional Agraria La Molina', tipo: UNIVERSIDAD, sector: 'Educación', ubigeo: '150114' },
  { codigo: 'UNSA', nombre: 'Universidad Nacional de San Agustín de Arequipa', tipo: UNIVERSIDAD, sector: 'Educación', ubigeo: '040101' },
];

/** Tramo V (state companies and the other entities). */
export const TRAMO_V: readonly EntidadAdopcion[] = [
  { codigo: 'CORPAC', nombre: 'Corporación Peruana de Aeropuertos y Aviación Comercial S.A.', tipo: EMPRESA_ESTADO, sector: 'Transportes y Comunicaciones', ubigeo: '070101' },
  { codigo: 'ENAPU', nombre: 'Empresa Nacional de Puertos S.A.', tipo: EMPRESA_ESTADO, sector: 'Transportes y Comunicaciones', ubigeo: '070101' },
  { codigo: 'SIMA', nombre: 'Servicios Industriales de la Marina S.A.', tipo: EMPRESA_ESTADO, sector: 'Defensa', ubigeo: '070101' },
  { codigo: 'EDITORAPERU', nombre: 'Empresa Peruana de Servicios Editoriales S.A.', tipo: EMPRESA_ESTADO, sector: 'Presidencia del Consejo de Ministros', ubigeo: '150101' },
  { codigo: 'AMSAC', nombre: 'Activos Mineros S.A.C.', tipo: EMPRESA_ESTADO, sector: 'Energía y Minas', ubigeo: '150131' },
  { codigo: 'AGROBANCO', nombre: 'Banco Agropecuario', tipo: EMPRESA_ESTADO, sector: 'Economía y Finanzas', ubigeo: '150131' },
  { codigo: 'COFIDE', nombre: 'Corporación Financiera de Desarrollo S.A.', tipo: EMPRESA_ESTADO, sector: 'Economía y Finanzas', ubigeo: '150131' },
  { codigo: 'FMV', nombre: 'Fondo MiVivienda S.A.', tipo: EMPRESA_ESTADO, sector: 'Vivienda, Construcción y Saneamiento', ubigeo: '150131' },
  { codigo: 'ESSALUD', nombre: 'Seguro Social de Salud', tipo: OTRO, sector: 'Trabajo y Promoción del Empleo', ubigeo: '150115' },
  { codigo: 'JNE', nombre: 'Jurado Nacional de Elecciones', tipo: OTRO, sector: 'Organismos constitucionalmente autónomos', ubigeo: '150101' },
  { codigo: 'ONPE', nombre: 'Oficina Nacional de Procesos Electorales', tipo: OTRO, sector: 'Organismos constitucionalmente autónomos', ubigeo: '150101' },
  { codigo: 'CGR', nombre: 'Contraloría General de la República', tipo: OTRO, sector: 'Organismos constitucionalmente autónomos', ubigeo: '150113' },
  { codigo: 'DP', nombre: 'Defensoría del Pueblo', tipo: OTRO, sector: 'Organismos constitucionalmente autónomos', ubigeo: '150101' },
];
