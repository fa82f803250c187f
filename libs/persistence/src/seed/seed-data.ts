/**
 * Demo data for `npm run seed`: the five tramos, real public entities with their
 * catalogues, and demo staff accounts. Plain data, no I/O; seed.ts writes it.
 *
 * Entities use their real public names and usual short codes. RUCs were taken from
 * public sources and all pass SUNAT's check digit (seed-data.spec.ts checks it); the
 * ones marked `// RUC ilustrativo` are made up (valid check digit, a 209… number no
 * entity uses as far as we know) and the ones marked `// RUC por confirmar` are believed
 * right but were not confirmed against SUNAT's padrón. Addresses, unidades and services
 * are realistic demo data, not an official directory: entities correct them from the
 * back office.
 */
import { NivelGobierno, RolUsuario, TipoEntidad } from '@app/domain';

/** The one password of every demo account. Demo only: never seed these accounts in production. */
export const DEMO_PASSWORD = 'Reclamos2026!';

export interface TramoSeed {
  readonly id: number;
  readonly nombre: string;
  readonly descripcion: string;
  readonly tiposEntidad: readonly TipoEntidad[];
  /** YYYY-MM-DD */
  readonly fechaInicio: string;
  /** YYYY-MM-DD */
  readonly fechaLimite: string;
}

export interface SedeSeed {
  readonly nombre: string;
  readonly direccion: string;
  /** INEI district code. */
  readonly ubigeo: string;
}

export interface EntidadSeed {
  readonly codigo: string;
  readonly nombre: string;
  /** Siglas and common names people type to find it (the code and the name are searched anyway). */
  readonly nombresAlternos: readonly string[];
  readonly ruc: string;
  readonly tipo: TipoEntidad;
  readonly nivelGobierno: NivelGobierno;
  readonly sector: string;
  /** INEI district code of the entity's seat. */
  readonly ubigeo: string;
  readonly tramoId: number;
  readonly sedes: readonly SedeSeed[];
  readonly unidades: readonly string[];
  readonly servicios: readonly string[];
}

export interface UsuarioSeed {
  readonly email: string;
  readonly nombre: string;
  readonly rol: RolUsuario;
  /** Null only for coordinadores and administradores (a CHECK constraint enforces it). */
  readonly entidadCodigo: string | null;
}

const EDITABLE =
  'Composición y fechas propuestas para la demostración: la norma no las fija. Es un dato editable por el coordinador del despliegue.';

export const TRAMOS: readonly TramoSeed[] = [
  {
    id: 1,
    nombre: 'Tramo I: Ministerios, organismos públicos, FF.AA. y PNP',
    descripcion:
      'Según la Secretaría de Gestión Pública (PCM), el primer tramo cubrió a los ministerios, los organismos públicos, ' +
      'las Fuerzas Armadas y la Policía Nacional del Perú, con plazo hasta el 31 de julio de 2021.',
    tiposEntidad: [TipoEntidad.MINISTERIO, TipoEntidad.ORGANISMO_PUBLICO, TipoEntidad.FFAA_POLICIA],
    fechaInicio: '2021-01-18',
    fechaLimite: '2021-07-31',
  },
  {
    id: 2,
    nombre: 'Tramo II: Gobiernos regionales',
    descripcion: `Gobiernos regionales y sus sedes. ${EDITABLE}`,
    tiposEntidad: [TipoEntidad.GOBIERNO_REGIONAL],
    fechaInicio: '2021-08-01',
    fechaLimite: '2022-03-31',
  },
  {
    id: 3,
    nombre: 'Tramo III: Municipalidades provinciales',
    descripcion: `Municipalidades provinciales, incluida la Municipalidad Metropolitana de Lima. ${EDITABLE}`,
    tiposEntidad: [TipoEntidad.MUNICIPALIDAD_PROVINCIAL],
    fechaInicio: '2022-04-01',
    fechaLimite: '2022-10-31',
  },
  {
    id: 4,
    nombre: 'Tramo IV: Municipalidades distritales y universidades públicas',
    descripcion: `Municipalidades distritales y universidades públicas. ${EDITABLE}`,
    tiposEntidad: [TipoEntidad.MUNICIPALIDAD_DISTRITAL, TipoEntidad.UNIVERSIDAD],
    fechaInicio: '2022-11-01',
    fechaLimite: '2023-06-30',
  },
  {
    id: 5,
    nombre: 'Tramo V: Empresas del Estado y otras entidades',
    descripcion: `Empresas del Estado y las demás entidades de la Administración Pública. ${EDITABLE}`,
    tiposEntidad: [TipoEntidad.EMPRESA_ESTADO, TipoEntidad.OTRO],
    fechaInicio: '2023-07-01',
    fechaLimite: '2023-12-31',
  },
];

// Centros MAC (Mejor Atención al Ciudadano, PCM) host windows of many entities.
const MAC_LIMA_NORTE: SedeSeed = {
  nombre: 'Ventanilla en el Centro MAC Lima Norte',
  direccion: 'Av. Alfredo Mendiola 1400, C.C. Plaza Lima Norte, Independencia',
  ubigeo: '150112',
};
const MAC_LIMA_ESTE: SedeSeed = {
  nombre: 'Ventanilla en el Centro MAC Lima Este',
  direccion: 'Carretera Central 111, C.C. Mall Aventura Santa Anita, Santa Anita',
  ubigeo: '150137',
};
const MAC_LIMA_SUR: SedeSeed = {
  nombre: 'Ventanilla en el Centro MAC Lima Sur',
  direccion: 'Av. Los Lirios s/n, C.C. Mall del Sur, San Juan de Miraflores',
  ubigeo: '150133',
};
const MAC_AREQUIPA: SedeSeed = {
  nombre: 'Ventanilla en el Centro MAC Arequipa',
  direccion: 'Av. Porongoche 500, C.C. Mall Aventura Porongoche, Paucarpata',
  ubigeo: '040112',
};

const MESA_DE_PARTES = 'Atención en mesa de partes';

export const ENTIDADES: readonly EntidadSeed[] = [
  // ── Tramo I: ministerios ─────────────────────────────────────────────────────────
  {
    codigo: 'MINEDU',
    nombre: 'Ministerio de Educación',
    nombresAlternos: ['Minedu', 'Educación'],
    ruc: '20131370998',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Educación',
    ubigeo: '150130',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Calle Del Comercio 193, San Borja', ubigeo: '150130' },
      { nombre: 'Sede Van de Velde', direccion: 'Jr. Van de Velde 160, San Borja', ubigeo: '150130' },
      MAC_LIMA_NORTE,
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Gestión Documentaria',
      'Dirección Técnico Normativa de Docentes',
      'Dirección General de Educación Básica Regular',
      'Dirección General de Educación Técnico-Productiva y Superior Tecnológica y Artística',
      'Oficina General de Recursos Humanos',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Emisión de certificados de estudios',
      'Registro de títulos de institutos y escuelas de educación superior',
      'Orientación sobre concursos de nombramiento y contratación docente',
      'Atención de consultas por teléfono y canales virtuales',
    ],
  },
  {
    codigo: 'MEF',
    nombre: 'Ministerio de Economía y Finanzas',
    nombresAlternos: ['Economía', 'Minecofin'],
    ruc: '20131370645',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Economía y Finanzas',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Jr. Junín 319, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Sede Lampa', direccion: 'Jr. Lampa 277, Cercado de Lima', ubigeo: '150101' },
    ],
    unidades: [
      'Oficina de Trámite Documentario y Atención al Ciudadano',
      'Dirección General de Presupuesto Público',
      'Dirección General de Programación Multianual de Inversiones',
      'Dirección General de Gestión Fiscal de los Recursos Humanos',
      'Oficina General de Tecnologías de la Información',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Orientación sobre el Sistema Integrado de Administración Financiera (SIAF)',
      'Asistencia técnica en inversión pública (Invierte.pe)',
      'Consultas sobre pensiones del régimen del Decreto Ley 20530',
    ],
  },
  {
    codigo: 'MININTER',
    nombre: 'Ministerio del Interior',
    nombresAlternos: ['Mininter', 'Interior'],
    ruc: '20131366966',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Interior',
    ubigeo: '150131',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Plaza 30 de Agosto 150, Urb. Corpac, San Isidro', ubigeo: '150131' },
      MAC_LIMA_ESTE,
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Gestión Documental',
      'Dirección General de Seguridad Democrática',
      'Dirección General contra el Crimen Organizado',
      'Oficina General de Gestión de Recursos Humanos',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Orientación sobre denuncias y trámites policiales',
      'Atención de la Línea 1818 de denuncias',
      'Constancias y certificados administrativos',
    ],
  },
  {
    codigo: 'MTPE',
    nombre: 'Ministerio de Trabajo y Promoción del Empleo',
    nombresAlternos: ['Mintra', 'Trabajo'],
    ruc: '20131023414',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Trabajo y Promoción del Empleo',
    ubigeo: '150113',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Salaverry 655, Jesús María', ubigeo: '150113' },
      { nombre: 'Centro de Empleo Lima', direccion: 'Av. Salaverry 655, primer piso, Jesús María', ubigeo: '150113' },
      MAC_LIMA_NORTE,
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Gestión Documentaria',
      'Dirección General de Promoción del Empleo',
      'Dirección General de Trabajo',
      'Dirección de Prevención y Solución de Conflictos',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Asesoría laboral y liquidación de beneficios sociales',
      'Conciliación administrativa laboral',
      'Bolsa de trabajo y orientación vocacional',
      'Certificado Único Laboral (CERTIJOVEN / CERTIADULTO)',
    ],
  },
  {
    codigo: 'MIDIS',
    nombre: 'Ministerio de Desarrollo e Inclusión Social',
    nombresAlternos: ['Desarrollo Social'],
    ruc: '20545565359',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Desarrollo e Inclusión Social',
    ubigeo: '150131',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Paseo de la República 3101, San Isidro', ubigeo: '150131' },
      { nombre: 'Sede Canaval y Moreyra', direccion: 'Av. Canaval y Moreyra 480, San Isidro', ubigeo: '150131' },
    ],
    unidades: [
      'Oficina de Atención al Ciudadano',
      'Dirección General de Focalización e Información Social',
      'Dirección de Operaciones de Focalización',
      'Oficina General de Administración',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Consulta de clasificación socioeconómica (Padrón General de Hogares)',
      'Orientación sobre programas sociales',
      'Atención de consultas por la línea gratuita',
    ],
  },
  {
    codigo: 'MINJUSDH',
    nombre: 'Ministerio de Justicia y Derechos Humanos',
    nombresAlternos: ['Minjus', 'Justicia'],
    ruc: '20131371617',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Justicia y Derechos Humanos',
    ubigeo: '150122',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Calle Scipión Llona 350, Miraflores', ubigeo: '150122' },
      { nombre: 'Centro ALEGRA Lima Cercado', direccion: 'Jr. Carabaya 531, Cercado de Lima', ubigeo: '150101' },
      MAC_LIMA_SUR,
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Trámite Documentario',
      'Dirección General de Defensa Pública y Acceso a la Justicia',
      'Dirección de Conciliación Extrajudicial y Mecanismos Alternativos de Solución de Conflictos',
      'Dirección General de Justicia y Libertad Religiosa',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Defensa pública gratuita',
      'Conciliación extrajudicial gratuita',
      'Trámite de gracias presidenciales',
    ],
  },
  {
    codigo: 'PCM',
    nombre: 'Presidencia del Consejo de Ministros',
    nombresAlternos: ['Premier', 'Consejo de Ministros'],
    ruc: '20168999926',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Presidencia del Consejo de Ministros',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Palacio', direccion: 'Jr. Carabaya cdra. 1 s/n, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Sede Schell', direccion: 'Calle Schell 310, Miraflores', ubigeo: '150122' },
    ],
    unidades: [
      'Oficina de Atención a la Ciudadanía y Gestión Documental',
      'Secretaría de Gestión Pública',
      'Secretaría de Gobierno y Transformación Digital',
      'Secretaría de Descentralización',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Atención en la plataforma Gob.pe',
      'Orientación sobre los Centros MAC',
      'Asistencia técnica a entidades en gestión pública',
    ],
  },
  {
    codigo: 'MTC',
    nombre: 'Ministerio de Transportes y Comunicaciones',
    nombresAlternos: ['Transportes', 'Comunicaciones'],
    ruc: '20131379944',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Transportes y Comunicaciones',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Jr. Zorritos 1203, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Centro de Atención al Ciudadano Surquillo', direccion: 'Av. República de Panamá 4680, Surquillo', ubigeo: '150141' },
      MAC_LIMA_NORTE,
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Gestión Documental',
      'Dirección General de Autorizaciones en Transportes',
      'Dirección de Circulación Vial',
      'Dirección General de Programas y Proyectos de Comunicaciones',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencias de conducir: emisión, revalidación y duplicado',
      'Exámenes de manejo',
      'Autorizaciones de transporte de pasajeros y mercancías',
      'Permisos de radiodifusión y telecomunicaciones',
    ],
  },
  {
    codigo: 'MINCUL',
    nombre: 'Ministerio de Cultura',
    nombresAlternos: ['Mincul', 'Cultura'],
    ruc: '20537630222',
    tipo: TipoEntidad.MINISTERIO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Cultura',
    ubigeo: '150130',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Javier Prado Este 2465, San Borja', ubigeo: '150130' },
      { nombre: 'Museo Nacional de Arqueología, Antropología e Historia del Perú', direccion: 'Plaza Bolívar s/n, Pueblo Libre', ubigeo: '150121' },
      { nombre: 'Dirección Desconcentrada de Cultura de Cusco', direccion: 'Av. de la Cultura 238, Wanchaq', ubigeo: '080108' },
    ],
    unidades: [
      'Oficina de Atención al Ciudadano y Gestión Documentaria',
      'Dirección General de Patrimonio Cultural',
      'Dirección General de Museos',
      'Dirección de Certificaciones',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Venta de boletos a museos y sitios arqueológicos',
      'Certificado de Inexistencia de Restos Arqueológicos (CIRA)',
      'Autorización de salida temporal de bienes culturales',
    ],
  },
  // ── Tramo I: organismos públicos ─────────────────────────────────────────────────
  {
    codigo: 'RENIEC',
    nombre: 'Registro Nacional de Identificación y Estado Civil',
    nombresAlternos: ['Reniec', 'DNI'],
    ruc: '20295613620',
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Organismos constitucionalmente autónomos',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Jr. Bolivia 109, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Agencia San Borja', direccion: 'Av. Javier Prado Este 2392, San Borja', ubigeo: '150130' },
      MAC_LIMA_NORTE,
      MAC_LIMA_SUR,
    ],
    unidades: [
      'Gerencia de Operaciones Registrales',
      'Gerencia de Registros Civiles',
      'Gerencia de Certificación y Registro Digital',
      'Sub Gerencia de Atención al Ciudadano',
    ],
    servicios: [
      'Emisión de DNI',
      'Renovación de DNI',
      'Duplicado de DNI',
      'Emisión de DNI electrónico',
      'Rectificación de datos en el DNI',
      'Copias certificadas de actas de nacimiento, matrimonio y defunción',
    ],
  },
  {
    codigo: 'SUNAT',
    nombre: 'Superintendencia Nacional de Aduanas y de Administración Tributaria',
    nombresAlternos: ['Sunat', 'Aduanas', 'Tributos'],
    ruc: '20131312955',
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Economía y Finanzas',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Garcilaso de la Vega 1472, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Centro de Servicios al Contribuyente Miraflores', direccion: 'Av. Benavides 222, Miraflores', ubigeo: '150122' },
      { nombre: 'Intendencia de Aduana Aérea y Postal', direccion: 'Av. Elmer Faucett s/n, Callao', ubigeo: '070101' },
      MAC_AREQUIPA,
    ],
    unidades: [
      'Intendencia Nacional de Servicios al Contribuyente',
      'Intendencia Lima',
      'Intendencia de Aduana Aérea y Postal',
      'Intendencia Nacional de Sistemas de Información',
      'Oficina de Defensoría del Contribuyente y Usuario Aduanero',
    ],
    servicios: [
      'Inscripción y actualización en el RUC',
      'Emisión y recuperación de Clave SOL',
      'Orientación sobre declaraciones y pagos',
      'Fraccionamiento de deudas tributarias',
      'Devolución de impuestos',
      'Despacho aduanero de envíos postales y de entrega rápida',
    ],
  },
  {
    codigo: 'SUNARP',
    nombre: 'Superintendencia Nacional de los Registros Públicos',
    nombresAlternos: ['Sunarp', 'Registros Públicos'],
    ruc: '20267073580',
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Justicia y Derechos Humanos',
    ubigeo: '150140',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Primavera 1878, Santiago de Surco', ubigeo: '150140' },
      { nombre: 'Zona Registral N.° IX - Sede Lima', direccion: 'Av. Edgardo Rebagliati 561, Jesús María', ubigeo: '150113' },
      { nombre: 'Oficina Registral de Arequipa', direccion: 'Calle Bolognesi 116, Arequipa', ubigeo: '040101' },
    ],
    unidades: [
      'Dirección Técnica Registral',
      'Zona Registral N.° IX - Sede Lima',
      'Subdirección de Atención al Ciudadano',
      'Oficina General de Tecnologías de la Información',
    ],
    servicios: [
      'Publicidad registral: certificados literales',
      'Búsqueda de propiedad vehicular e inmobiliaria',
      'Inscripción de actos y contratos',
      'Alerta Registral',
      'Constitución de empresas en línea (SID-SUNARP)',
    ],
  },
  {
    codigo: 'MIGRACIONES',
    nombre: 'Superintendencia Nacional de Migraciones',
    nombresAlternos: ['Pasaporte', 'Inmigración'],
    ruc: '20551239692', // RUC por confirmar
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Interior',
    ubigeo: '150105',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. España 734, Breña', ubigeo: '150105' },
      { nombre: 'Puesto de control migratorio del Aeropuerto Jorge Chávez', direccion: 'Av. Elmer Faucett s/n, Callao', ubigeo: '070101' },
      MAC_LIMA_ESTE,
    ],
    unidades: [
      'Gerencia de Servicios Migratorios',
      'Gerencia de Usuarios',
      'Subgerencia de Pasaportes',
      'Subgerencia de Control Migratorio',
    ],
    servicios: [
      'Emisión de pasaporte electrónico',
      'Emisión de carné de extranjería',
      'Cambio de calidad migratoria',
      'Certificado de movimiento migratorio',
      'Control migratorio de entrada y salida',
    ],
  },
  {
    codigo: 'INDECOPI',
    nombre: 'Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual',
    nombresAlternos: ['Indecopi', 'Protección al consumidor'],
    ruc: '20133840533',
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Presidencia del Consejo de Ministros',
    ubigeo: '150130',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Calle De La Prosa 104, San Borja', ubigeo: '150130' },
      { nombre: 'Sede Lima Norte', direccion: 'Av. Carlos Izaguirre 988, Los Olivos', ubigeo: '150117' },
      { nombre: 'Oficina Regional de Arequipa', direccion: 'Calle Mercaderes 224, Arequipa', ubigeo: '040101' },
    ],
    unidades: [
      'Servicio de Atención al Ciudadano',
      'Dirección de la Autoridad Nacional de Protección del Consumidor',
      'Dirección de Signos Distintivos',
      'Órgano Resolutivo de Procedimientos Sumarísimos de Protección al Consumidor',
    ],
    servicios: [
      'Atención de reclamos de consumo contra proveedores',
      'Registro de marcas',
      'Búsqueda de antecedentes de marcas',
      'Orientación al consumidor',
    ],
  },
  {
    codigo: 'OSIPTEL',
    nombre: 'Organismo Supervisor de Inversión Privada en Telecomunicaciones',
    nombresAlternos: ['Osiptel', 'Telefonía', 'Internet'],
    ruc: '20216072155',
    tipo: TipoEntidad.ORGANISMO_PUBLICO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Presidencia del Consejo de Ministros',
    ubigeo: '150130',
    tramoId: 1,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Calle De La Prosa 136, San Borja', ubigeo: '150130' },
      { nombre: 'Centro de Orientación Lima', direccion: 'Av. Abancay 210, Cercado de Lima', ubigeo: '150101' },
    ],
    unidades: [
      'Dirección de Atención y Protección del Usuario',
      'Tribunal Administrativo de Solución de Reclamos de Usuarios',
      'Dirección de Fiscalización e Instrucción',
    ],
    servicios: [
      'Orientación a usuarios de telecomunicaciones',
      'Apelaciones de reclamos contra operadoras',
      'Consulta de líneas registradas a su nombre (Checa tus líneas)',
      'Consulta de IMEI de equipos móviles',
    ],
  },
  // ── Tramo I: FF.AA. y Policía ────────────────────────────────────────────────────
  {
    codigo: 'PNP',
    nombre: 'Policía Nacional del Perú',
    nombresAlternos: ['Policía', 'Comisaría'],
    ruc: '20165465009',
    tipo: TipoEntidad.FFAA_POLICIA,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Interior',
    ubigeo: '150101',
    tramoId: 1,
    sedes: [
      { nombre: 'Comandancia General', direccion: 'Av. España 323, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Comisaría de Miraflores', direccion: 'Calle General Borgoño 196, Miraflores', ubigeo: '150122' },
      { nombre: 'Comisaría de Alfonso Ugarte', direccion: 'Av. Alfonso Ugarte 1020, Cercado de Lima', ubigeo: '150101' },
    ],
    unidades: [
      'Dirección de Tránsito, Transporte y Seguridad Vial',
      'Dirección de Investigación Criminal',
      'Dirección de Seguridad Ciudadana',
      'Oficina de Trámite Documentario',
    ],
    servicios: [
      'Registro de denuncias en comisarías',
      'Certificado de antecedentes policiales',
      'Constatación policial',
      'Atención de la Central 105',
    ],
  },
  {
    codigo: 'EP',
    nombre: 'Ejército del Perú',
    nombresAlternos: ['Ejército'],
    ruc: '20131369124',
    tipo: TipoEntidad.FFAA_POLICIA,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Defensa',
    ubigeo: '150130',
    tramoId: 1,
    sedes: [
      { nombre: 'Cuartel General del Ejército', direccion: 'Av. Boulevard s/n, San Borja', ubigeo: '150130' },
      { nombre: 'Escuela Militar de Chorrillos', direccion: 'Av. Escuela Militar s/n, Chorrillos', ubigeo: '150108' },
    ],
    unidades: [
      'Comando de Personal del Ejército',
      'Oficina de Atención al Ciudadano',
      'Dirección de Reclutamiento y Movilización',
    ],
    servicios: [
      'Inscripción en el Registro Militar',
      'Constancias de servicio militar',
      'Admisión a la Escuela Militar de Chorrillos',
    ],
  },
  // ── Tramo II: gobiernos regionales ───────────────────────────────────────────────
  {
    codigo: 'GORECUSCO',
    nombre: 'Gobierno Regional del Cusco',
    nombresAlternos: ['GORE Cusco', 'Gobierno Regional Cusco'],
    ruc: '20527147612',
    tipo: TipoEntidad.GOBIERNO_REGIONAL,
    nivelGobierno: NivelGobierno.REGIONAL,
    sector: 'Gobiernos regionales',
    ubigeo: '080108',
    tramoId: 2,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Tomasa Tito Condemayta s/n, Wanchaq', ubigeo: '080108' },
      { nombre: 'Oficina de Coordinación Canchis', direccion: 'Jr. Dos de Mayo 180, Sicuani', ubigeo: '080601' },
    ],
    unidades: [
      'Oficina de Trámite Documentario',
      'Gerencia Regional de Desarrollo Social',
      'Gerencia Regional de Infraestructura',
      'Dirección Regional de Transportes y Comunicaciones',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencias de conducir de clase B',
      'Autorizaciones de transporte interprovincial regional',
      'Información sobre proyectos de inversión regional',
    ],
  },
  {
    codigo: 'GOREAREQUIPA',
    nombre: 'Gobierno Regional de Arequipa',
    nombresAlternos: ['GORE Arequipa'],
    ruc: '20498390570',
    tipo: TipoEntidad.GOBIERNO_REGIONAL,
    nivelGobierno: NivelGobierno.REGIONAL,
    sector: 'Gobiernos regionales',
    ubigeo: '040112',
    tramoId: 2,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Unión 200, Urb. César Vallejo, Paucarpata', ubigeo: '040112' },
      { nombre: 'Gerencia Regional de Trabajo', direccion: 'Av. Independencia 1203, Arequipa', ubigeo: '040101' },
      MAC_AREQUIPA,
    ],
    unidades: [
      'Oficina de Trámite Documentario y Archivo',
      'Gerencia Regional de Educación',
      'Gerencia Regional de Trabajo y Promoción del Empleo',
      'Gerencia Regional de Transportes y Comunicaciones',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencias de conducir',
      'Visación de certificados de estudios',
      'Conciliación administrativa laboral',
    ],
  },
  {
    codigo: 'GOREPIURA',
    nombre: 'Gobierno Regional de Piura',
    nombresAlternos: ['GORE Piura'],
    ruc: '20484004421',
    tipo: TipoEntidad.GOBIERNO_REGIONAL,
    nivelGobierno: NivelGobierno.REGIONAL,
    sector: 'Gobiernos regionales',
    ubigeo: '200101',
    tramoId: 2,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. San Ramón s/n, Urb. San Eduardo, El Chipe, Piura', ubigeo: '200101' },
      { nombre: 'Subregión Luciano Castillo Colonna', direccion: 'Calle San Martín 210, Sullana', ubigeo: '200601' },
    ],
    unidades: [
      'Oficina de Trámite Documentario',
      'Gerencia Regional de Desarrollo Social',
      'Dirección Regional de Agricultura',
      'Dirección Regional de Transportes y Comunicaciones',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencias de conducir',
      'Certificados de posesión y titulación de predios rurales',
      'Atención de emergencias por lluvias (COER)',
    ],
  },
  {
    codigo: 'GORELALIBERTAD',
    nombre: 'Gobierno Regional La Libertad',
    nombresAlternos: ['GORE La Libertad', 'Gobierno Regional de La Libertad'],
    ruc: '20440374248',
    tipo: TipoEntidad.GOBIERNO_REGIONAL,
    nivelGobierno: NivelGobierno.REGIONAL,
    sector: 'Gobiernos regionales',
    ubigeo: '130101',
    tramoId: 2,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. España 1800, Trujillo', ubigeo: '130101' },
      { nombre: 'Gerencia Regional de Educación', direccion: 'Av. América Sur 2870, Trujillo', ubigeo: '130101' },
    ],
    unidades: [
      'Oficina de Trámite Documentario',
      'Gerencia Regional de Educación',
      'Gerencia Regional de Transportes y Comunicaciones',
      'Proyecto Especial Chavimochic',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencias de conducir',
      'Visación de títulos y certificados',
      'Información sobre el Proyecto Especial Chavimochic',
    ],
  },
  {
    codigo: 'GOREJUNIN',
    nombre: 'Gobierno Regional de Junín',
    nombresAlternos: ['GORE Junín'],
    ruc: '20486021692',
    tipo: TipoEntidad.GOBIERNO_REGIONAL,
    nivelGobierno: NivelGobierno.REGIONAL,
    sector: 'Gobiernos regionales',
    ubigeo: '120101',
    tramoId: 2,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Jr. Loreto 363, Huancayo', ubigeo: '120101' },
      { nombre: 'Oficina El Tambo', direccion: 'Av. Huancavelica 1505, El Tambo', ubigeo: '120114' },
    ],
    unidades: [
      'Oficina de Trámite Documentario',
      'Gerencia Regional de Desarrollo Económico',
      'Dirección Regional de Trabajo y Promoción del Empleo',
      'Dirección Regional de Transportes y Comunicaciones',
    ],
    servicios: [MESA_DE_PARTES, 'Licencias de conducir', 'Registro de organizaciones agrarias', 'Conciliación administrativa laboral'],
  },
  // ── Tramo III: municipalidades provinciales ──────────────────────────────────────
  {
    codigo: 'MML',
    nombre: 'Municipalidad Metropolitana de Lima',
    nombresAlternos: ['Municipalidad de Lima', 'Muni de Lima'],
    ruc: '20131380951',
    tipo: TipoEntidad.MUNICIPALIDAD_PROVINCIAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '150101',
    tramoId: 3,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Jr. de la Unión 300, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Servicio de Administración Tributaria (SAT)', direccion: 'Jr. Camaná 370, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Sede Gerencia de Transporte Urbano', direccion: 'Av. Paseo de la República 2340, La Victoria', ubigeo: '150115' },
    ],
    unidades: [
      'Subgerencia de Gestión Documentaria y Atención al Ciudadano',
      'Gerencia de Desarrollo Urbano',
      'Gerencia de Fiscalización y Control',
      'Gerencia de Desarrollo Económico',
      'Gerencia de Servicios a la Ciudad y Gestión Ambiental',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencia de funcionamiento en el Cercado de Lima',
      'Certificado de parámetros urbanísticos',
      'Atención de papeletas e impuestos (SAT)',
      'Limpieza pública y áreas verdes',
    ],
  },
  {
    codigo: 'MPA',
    nombre: 'Municipalidad Provincial de Arequipa',
    nombresAlternos: ['Municipalidad de Arequipa', 'Muni de Arequipa'],
    ruc: '20159515240', // RUC por confirmar
    tipo: TipoEntidad.MUNICIPALIDAD_PROVINCIAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '040101',
    tramoId: 3,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Portal Municipal 110, Plaza de Armas, Arequipa', ubigeo: '040101' },
      { nombre: 'Sede Dirección de Transporte', direccion: 'Av. Venezuela 612, Arequipa', ubigeo: '040101' },
    ],
    unidades: [
      'Subgerencia de Trámite Documentario y Archivo',
      'Gerencia de Desarrollo Urbano',
      'Gerencia de Transporte Urbano y Circulación Vial',
      'Gerencia de Servicios a la Ciudad y Ambiente',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencia de funcionamiento',
      'Licencia de edificación',
      'Autorización de transporte público urbano',
    ],
  },
  {
    codigo: 'MPC',
    nombre: 'Municipalidad Provincial del Cusco',
    nombresAlternos: ['Municipalidad del Cusco', 'Municipalidad de Cusco'],
    ruc: '20900000023', // RUC ilustrativo
    tipo: TipoEntidad.MUNICIPALIDAD_PROVINCIAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '080101',
    tramoId: 3,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Plaza Regocijo s/n, Cusco', ubigeo: '080101' },
      { nombre: 'Oficina de Turismo Municipal', direccion: 'Calle Mantas 117-A, Cusco', ubigeo: '080101' },
    ],
    unidades: [
      'Oficina de Trámite Documentario',
      'Gerencia de Desarrollo Urbano y Rural',
      'Gerencia del Centro Histórico',
      'Gerencia de Medio Ambiente',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencia de funcionamiento',
      'Autorizaciones en el Centro Histórico',
      'Boleto turístico y orientación al turista',
    ],
  },
  // ── Tramo IV: municipalidades distritales ────────────────────────────────────────
  {
    codigo: 'MIRAFLORES',
    nombre: 'Municipalidad Distrital de Miraflores',
    nombresAlternos: ['Municipalidad de Miraflores', 'Muni de Miraflores'],
    ruc: '20131377224',
    tipo: TipoEntidad.MUNICIPALIDAD_DISTRITAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '150122',
    tramoId: 4,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Av. Larco 400, Miraflores', ubigeo: '150122' },
      { nombre: 'Centro Cultural Ricardo Palma', direccion: 'Av. Larco 770, Miraflores', ubigeo: '150122' },
    ],
    unidades: [
      'Subgerencia de Atención al Ciudadano y Gestión Documentaria',
      'Gerencia de Administración Tributaria',
      'Subgerencia de Licencias de Edificaciones Privadas',
      'Gerencia de Seguridad Ciudadana',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencia de funcionamiento',
      'Pago de arbitrios e impuesto predial',
      'Serenazgo y seguridad ciudadana',
    ],
  },
  {
    codigo: 'MSI',
    nombre: 'Municipalidad Distrital de San Isidro',
    nombresAlternos: ['Municipalidad de San Isidro'],
    ruc: '20900000031', // RUC ilustrativo
    tipo: TipoEntidad.MUNICIPALIDAD_DISTRITAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '150131',
    tramoId: 4,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Calle Augusto Tamayo 180, San Isidro', ubigeo: '150131' },
      { nombre: 'Centro de Atención Municipal Pérez Aranibar', direccion: 'Av. Augusto Pérez Aranibar 1180, San Isidro', ubigeo: '150131' },
    ],
    unidades: [
      'Subgerencia de Atención al Ciudadano y Gestión Documentaria',
      'Gerencia de Desarrollo Urbano',
      'Gerencia de Rentas',
      'Gerencia de Seguridad Ciudadana',
    ],
    servicios: [MESA_DE_PARTES, 'Licencia de funcionamiento', 'Pago de tributos municipales', 'Limpieza pública y áreas verdes'],
  },
  {
    codigo: 'MSS',
    nombre: 'Municipalidad Distrital de Santiago de Surco',
    nombresAlternos: ['Municipalidad de Surco', 'Surco'],
    ruc: '20900000040', // RUC ilustrativo
    tipo: TipoEntidad.MUNICIPALIDAD_DISTRITAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '150140',
    tramoId: 4,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Jr. Bolognesi 275, Santiago de Surco', ubigeo: '150140' },
      { nombre: 'Agencia Municipal Chacarilla', direccion: 'Av. Caminos del Inca 2000, Santiago de Surco', ubigeo: '150140' },
    ],
    unidades: [
      'Subgerencia de Trámite Documentario y Archivo',
      'Gerencia de Administración Tributaria',
      'Gerencia de Desarrollo Urbano',
      'Gerencia de Seguridad Ciudadana',
    ],
    servicios: [MESA_DE_PARTES, 'Licencia de funcionamiento', 'Pago de arbitrios e impuesto predial', 'Serenazgo y seguridad ciudadana'],
  },
  {
    codigo: 'MDSJL',
    nombre: 'Municipalidad Distrital de San Juan de Lurigancho',
    nombresAlternos: ['Municipalidad de San Juan de Lurigancho', 'SJL'],
    ruc: '20900000058', // RUC ilustrativo
    tipo: TipoEntidad.MUNICIPALIDAD_DISTRITAL,
    nivelGobierno: NivelGobierno.LOCAL,
    sector: 'Gobiernos locales',
    ubigeo: '150132',
    tramoId: 4,
    sedes: [
      { nombre: 'Palacio Municipal', direccion: 'Jr. Los Amautas 180, Urb. Zárate, San Juan de Lurigancho', ubigeo: '150132' },
      { nombre: 'Agencia Municipal Canto Grande', direccion: 'Av. Próceres de la Independencia 3700, San Juan de Lurigancho', ubigeo: '150132' },
      { nombre: 'Agencia Municipal Jicamarca', direccion: 'Av. Wiesse s/n, San Juan de Lurigancho', ubigeo: '150132' },
    ],
    unidades: [
      'Subgerencia de Gestión Documentaria y Atención al Ciudadano',
      'Gerencia de Desarrollo Económico',
      'Gerencia de Desarrollo Humano',
      'Gerencia de Seguridad Ciudadana',
      'Gerencia de Administración Tributaria',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Licencia de funcionamiento',
      'Programa del Vaso de Leche',
      'Atención de la Defensoría Municipal del Niño y del Adolescente (DEMUNA)',
      'Pago de arbitrios e impuesto predial',
    ],
  },
  // ── Tramo IV: universidades públicas ─────────────────────────────────────────────
  {
    codigo: 'UNMSM',
    nombre: 'Universidad Nacional Mayor de San Marcos',
    nombresAlternos: ['San Marcos', 'Universidad de San Marcos'],
    ruc: '20148092282',
    tipo: TipoEntidad.UNIVERSIDAD,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Educación',
    ubigeo: '150101',
    tramoId: 4,
    sedes: [
      { nombre: 'Ciudad Universitaria', direccion: 'Av. Carlos Germán Amézaga 375, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Casona de San Marcos', direccion: 'Av. Nicolás de Piérola 1222, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Facultad de Medicina San Fernando', direccion: 'Av. Grau 755, Cercado de Lima', ubigeo: '150101' },
    ],
    unidades: [
      'Oficina General de Trámite Documentario',
      'Dirección General de Administración',
      'Oficina Central de Admisión',
      'Secretaría General - Grados y Títulos',
      'Vicerrectorado Académico de Pregrado',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Proceso de admisión',
      'Emisión de certificados de estudios',
      'Trámite de grados y títulos',
      'Matrícula de pregrado',
    ],
  },
  {
    codigo: 'UNI',
    nombre: 'Universidad Nacional de Ingeniería',
    nombresAlternos: ['Ingeniería'],
    ruc: '20169004359',
    tipo: TipoEntidad.UNIVERSIDAD,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Educación',
    ubigeo: '150128',
    tramoId: 4,
    sedes: [
      { nombre: 'Campus Central', direccion: 'Av. Túpac Amaru 210, Rímac', ubigeo: '150128' },
      { nombre: 'Centro de Extensión y Proyección Social', direccion: 'Calle Tacna y Arica 160, Miraflores', ubigeo: '150122' },
    ],
    unidades: [
      'Unidad de Trámite Documentario',
      'Dirección de Admisión',
      'Dirección de Registro Central y Estadística',
      'Oficina Central de Grados y Títulos',
    ],
    servicios: [
      MESA_DE_PARTES,
      'Proceso de admisión',
      'Emisión de constancias y certificados de estudios',
      'Trámite de grados y títulos',
    ],
  },
  {
    codigo: 'UNSAAC',
    nombre: 'Universidad Nacional de San Antonio Abad del Cusco',
    nombresAlternos: ['San Antonio Abad', 'Universidad del Cusco'],
    ruc: '20172474501',
    tipo: TipoEntidad.UNIVERSIDAD,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Educación',
    ubigeo: '080101',
    tramoId: 4,
    sedes: [
      { nombre: 'Ciudad Universitaria de Perayoc', direccion: 'Av. de la Cultura 733, Cusco', ubigeo: '080101' },
      { nombre: 'Local Central', direccion: 'Plaza de Armas s/n, Cusco', ubigeo: '080101' },
      { nombre: 'Filial Sicuani', direccion: 'Jr. Mariano Melgar s/n, Sicuani', ubigeo: '080601' },
    ],
    unidades: [
      'Unidad de Trámite Documentario',
      'Dirección de Admisión',
      'Unidad de Centro de Cómputo',
      'Dirección de Bienestar Universitario',
    ],
    servicios: [MESA_DE_PARTES, 'Proceso de admisión', 'Trámite de grados y títulos', 'Comedor universitario'],
  },
  // ── Tramo V: empresas del Estado ─────────────────────────────────────────────────
  {
    codigo: 'SEDAPAL',
    nombre: 'Servicio de Agua Potable y Alcantarillado de Lima',
    nombresAlternos: ['Sedapal', 'Agua'],
    ruc: '20100152356',
    tipo: TipoEntidad.EMPRESA_ESTADO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Vivienda, Construcción y Saneamiento',
    ubigeo: '150111',
    tramoId: 5,
    sedes: [
      { nombre: 'Sede Central La Atarjea', direccion: 'Autopista Ramiro Prialé 210, El Agustino', ubigeo: '150111' },
      { nombre: 'Centro de Servicios Surquillo', direccion: 'Av. Angamos Este 1450, Surquillo', ubigeo: '150141' },
      { nombre: 'Centro de Servicios Comas', direccion: 'Av. Túpac Amaru 1500, Comas', ubigeo: '150110' },
      { nombre: 'Centro de Servicios Villa El Salvador', direccion: 'Av. Revolución s/n, Villa El Salvador', ubigeo: '150142' },
    ],
    unidades: [
      'Equipo de Atención al Cliente',
      'Gerencia de Servicios Norte',
      'Gerencia de Servicios Sur',
      'Gerencia de Servicios Centro',
      'Equipo de Facturación',
    ],
    servicios: [
      'Nuevas conexiones de agua potable y alcantarillado',
      'Facturación y cobranza',
      'Atención de fugas y atoros',
      'Reposición del servicio',
      'Cambio de titularidad del suministro',
    ],
  },
  {
    codigo: 'ELECTROPERU',
    nombre: 'Electricidad del Perú - ELECTROPERU S.A.',
    nombresAlternos: ['Electroperú'],
    ruc: '20100027705',
    tipo: TipoEntidad.EMPRESA_ESTADO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Energía y Minas',
    ubigeo: '150133',
    tramoId: 5,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Prolongación Pedro Miotta 421, San Juan de Miraflores', ubigeo: '150133' },
      { nombre: 'Complejo Hidroenergético del Mantaro', direccion: 'Campamento Campo Armiño, Colcabamba', ubigeo: '090705' },
    ],
    unidades: ['Gerencia Comercial', 'Gerencia de Administración y Finanzas', 'Oficina de Trámite Documentario'],
    servicios: [MESA_DE_PARTES, 'Atención a clientes libres y distribuidoras', 'Visitas guiadas a las centrales hidroeléctricas'],
  },
  {
    codigo: 'BN',
    nombre: 'Banco de la Nación',
    nombresAlternos: ['Banco de la Nación', 'BN'],
    ruc: '20100030595',
    tipo: TipoEntidad.EMPRESA_ESTADO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Economía y Finanzas',
    ubigeo: '150130',
    tramoId: 5,
    sedes: [
      { nombre: 'Sede Principal', direccion: 'Av. Javier Prado Este 2499, San Borja', ubigeo: '150130' },
      { nombre: 'Agencia Lima Centro', direccion: 'Av. Nicolás de Piérola 1065, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Agencia Cusco', direccion: 'Av. El Sol 457, Cusco', ubigeo: '080101' },
      { nombre: 'Agencia Piura', direccion: 'Jr. Lima 755, Piura', ubigeo: '200101' },
    ],
    unidades: [
      'Gerencia de Banca de Servicio al Ciudadano',
      'Gerencia de Operaciones',
      'Gerencia de Canales de Atención',
      'Sección de Atención de Reclamos',
    ],
    servicios: [
      'Pago de tasas y derechos de trámite',
      'Cuenta DNI y Multired',
      'Préstamo Multired',
      'Cobro de pensiones y remuneraciones del Estado',
      'Atención en ventanilla',
    ],
  },
  {
    codigo: 'SERPOST',
    nombre: 'Servicios Postales del Perú S.A.',
    nombresAlternos: ['Serpost', 'Correo'],
    ruc: '20256136865',
    tipo: TipoEntidad.EMPRESA_ESTADO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Transportes y Comunicaciones',
    ubigeo: '150117',
    tramoId: 5,
    sedes: [
      { nombre: 'Sede Central', direccion: 'Av. Tomás Valle cdra. 7 s/n, Los Olivos', ubigeo: '150117' },
      { nombre: 'Oficina Postal Central de Lima', direccion: 'Jr. Conde de Superunda 170, Cercado de Lima', ubigeo: '150101' },
      { nombre: 'Oficina Postal de Arequipa', direccion: 'Calle Moral 118, Arequipa', ubigeo: '040101' },
    ],
    unidades: ['Gerencia Comercial', 'Gerencia de Operaciones', 'Área de Atención al Cliente'],
    servicios: [
      'Envío de correspondencia nacional e internacional',
      'Entrega de paquetes del exterior',
      'Seguimiento de envíos',
      'Apartado postal',
    ],
  },
  {
    codigo: 'PETROPERU',
    nombre: 'Petróleos del Perú - PETROPERÚ S.A.',
    nombresAlternos: ['Petroperú'],
    ruc: '20100128218',
    tipo: TipoEntidad.EMPRESA_ESTADO,
    nivelGobierno: NivelGobierno.NACIONAL,
    sector: 'Energía y Minas',
    ubigeo: '150131',
    tramoId: 5,
    sedes: [
      { nombre: 'Oficina Principal', direccion: 'Av. Enrique Canaval Moreyra 150, San Isidro', ubigeo: '150131' },
      { nombre: 'Refinería Talara', direccion: 'Av. Grau s/n, Pariñas, Talara', ubigeo: '200701' },
      { nombre: 'Refinería Iquitos', direccion: 'Ribera del río Amazonas s/n, Punchana', ubigeo: '160108' },
    ],
    unidades: [
      'Gerencia Comercial',
      'Gerencia de Relaciones Comunitarias',
      'Oficina de Trámite Documentario',
      'Gerencia Refinería Talara',
    ],
    servicios: [
      'Venta de combustibles a clientes mayoristas',
      'Atención de consultas comerciales',
      'Relación con proveedores y pagos',
      'Atención a comunidades del área de influencia',
    ],
  },
];

const staff = (codigo: string, dominio: string, personas: readonly [string, string, string, string, string]): UsuarioSeed[] => {
  const [titular, alterno, jefe, oficial1, oficial2] = personas;
  return [
    { email: `responsable@${dominio}.demo.gob.pe`, nombre: titular, rol: 'responsable_titular', entidadCodigo: codigo },
    { email: `alterno@${dominio}.demo.gob.pe`, nombre: alterno, rol: 'responsable_alterno', entidadCodigo: codigo },
    { email: `titular@${dominio}.demo.gob.pe`, nombre: jefe, rol: 'titular_entidad', entidadCodigo: codigo },
    { email: `oficial1@${dominio}.demo.gob.pe`, nombre: oficial1, rol: 'oficial', entidadCodigo: codigo },
    { email: `oficial2@${dominio}.demo.gob.pe`, nombre: oficial2, rol: 'oficial', entidadCodigo: codigo },
  ];
};

/** Demo accounts (fictitious people), all with DEMO_PASSWORD. */
export const USUARIOS_DEMO: readonly UsuarioSeed[] = [
  ...staff('MINEDU', 'minedu', [
    'Rosa Elena Quispe Mamani',
    'Carlos Alberto Huamán Rojas',
    'Ana María Torres Vílchez',
    'Luis Miguel Flores Cárdenas',
    'Patricia Soledad Chávez Ramos',
  ]),
  ...staff('MML', 'mml', [
    'Jorge Luis Mendoza Paredes',
    'Carmen Rosa Vargas Salazar',
    'Ricardo Andrés Gutiérrez León',
    'Milagros Huanca Ccori',
    'Diego Alonso Rivera Campos',
  ]),
  ...staff('SUNAT', 'sunat', [
    'María Fernanda Castillo Núñez',
    'José Antonio Espinoza Lara',
    'Gabriela Ríos Delgado',
    'Kevin Paredes Sánchez',
    'Lucía Condori Apaza',
  ]),
  { email: 'coordinador@sgp.demo.gob.pe', nombre: 'Marco Antonio Salas Villanueva', rol: 'coordinador', entidadCodigo: null },
  { email: 'administrador@plataforma.demo.gob.pe', nombre: 'Elena Poma Huertas', rol: 'administrador', entidadCodigo: null },
];
