import { Aspecto } from '@app/domain';
import { Azar } from './azar';

/**
 * The words of the demo history: obviously fictitious citizens and the usual accounts of each aspect.
 * Nothing here is a real person's: the surnames say so («Ejemplo», «Ficticio»…), the e-mails are on
 * example.pe (reserved for examples), and the document numbers are DNI-like 8 digits in the 999xxxxx
 * block (see `documento`).
 */

const NOMBRES = [
  'María', 'Rosa', 'Carmen', 'Ana', 'Lucía', 'Elena', 'Julia', 'Teresa', 'Gloria', 'Sofía', 'Juana', 'Milagros', 'Patricia', 'Flor',
  'Juan', 'José', 'Luis', 'Carlos', 'Jorge', 'Pedro', 'Miguel', 'Víctor', 'Raúl', 'Hugo', 'César', 'Wilmer', 'Edwin', 'Percy',
];
const APELLIDOS = ['Ejemplo', 'Ficticio', 'Muestra', 'Prueba', 'Modelo', 'Simulado', 'Ensayo', 'Demostración'];

export interface Ciudadano {
  nombres: string;
  apellidos: string;
  tipoDocumento: 'DNI' | 'CE';
  numeroDocumento: string;
  email: string;
}

const sinTildes = (t: string) => t.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/**
 * A fictitious citizen. The DNI is 8 digits (the form's rule) in the 999xxxxx block: no 8-digit number
 * can be proven unassigned, so the block is the top of the range and every other datum is plainly made up.
 * Foreigners (1 in 20) get a carné de extranjería of 9 digits, 999xxxxxx.
 */
export function ciudadano(azar: Azar, n: number): Ciudadano {
  const nombres = azar.elegir(NOMBRES);
  const apellidos = `${azar.elegir(APELLIDOS)} ${azar.elegir(APELLIDOS)}`;
  const extranjero = azar.probabilidad(0.05);
  const numero = String(azar.entero(0, 99_999)).padStart(5, '0');
  return {
    nombres,
    apellidos,
    tipoDocumento: extranjero ? 'CE' : 'DNI',
    numeroDocumento: extranjero ? `9990${numero}` : `999${numero}`,
    email: `${sinTildes(nombres)}.${sinTildes(apellidos.split(' ')[0])}.${String(n).padStart(5, '0')}@example.pe`,
  };
}

/** A made-up street for a postal notification (no e-mail consent). */
export function direccion(azar: Azar): string {
  return `${azar.elegir(['Jr.', 'Av.', 'Calle', 'Psje.'])} ${azar.elegir(['Los Ejemplos', 'Ficticia', 'De la Muestra', 'Las Pruebas'])} ${azar.entero(100, 1999)}`;
}

/** What happened, by aspect: {sede} and {servicio} are filled in; each a plausible account, never a real one. */
const HECHOS: Readonly<Record<Aspecto, readonly string[]>> = {
  [Aspecto.TIEMPO_ESPERA]: [
    'Acudí a {sede} para {servicio} y esperé más de dos horas; solo había una ventanilla atendiendo y nadie informaba el orden de atención.',
    'Saqué mi ticket a las 8:30 en {sede} para {servicio} y me atendieron recién pasado el mediodía.',
    'Mi trámite de {servicio} lleva más de un mes sin respuesta y en {sede} solo me dicen que siga esperando.',
    'La cola en {sede} no avanzaba: tres ventanillas cerradas en hora punta y personas mayores esperando de pie.',
  ],
  [Aspecto.INFORMACION]: [
    'En {sede} me dieron información distinta a la de la página web sobre los requisitos de {servicio}, y tuve que volver dos veces.',
    'Llamé varias veces para consultar sobre {servicio} y nadie supo decirme qué documentos debía presentar.',
    'El personal de {sede} no supo explicarme el estado de mi expediente de {servicio}.',
  ],
  [Aspecto.TRATO_PROFESIONAL]: [
    'El personal de la ventanilla de {sede} me atendió de mala manera y se negó a recibir mis documentos para {servicio}.',
    'En {sede} un servidor me levantó la voz cuando pregunté por mi trámite de {servicio}.',
    'No se respetó la atención preferente: esperé con mi bebé en brazos en {sede} mientras atendían a otras personas.',
  ],
  [Aspecto.ACCESO]: [
    'La plataforma para {servicio} no funciona desde hace días y en {sede} me dicen que solo se puede hacer en línea.',
    '{sede} no tiene rampa ni ascensor operativo y no pude llegar a la oficina de {servicio} en silla de ruedas.',
    'Se acabaron los cupos de atención para {servicio} en {sede} antes de las 9:00.',
  ],
  [Aspecto.RESULTADO]: [
    'Me entregaron el documento de {servicio} con errores en mis datos y me piden pagar de nuevo para corregirlo.',
    'Mi solicitud de {servicio} fue rechazada sin explicación en {sede}.',
    'Presenté todo lo pedido para {servicio} y el resultado no corresponde a lo que solicité.',
  ],
  [Aspecto.CONFIANZA]: [
    'En {sede} me sugirieron pagar a un tramitador para acelerar {servicio}; no me parece correcto.',
    'Perdieron los documentos originales que dejé en {sede} para {servicio} y nadie se hace responsable.',
  ],
};

const PEDIDOS = [
  'Que se atienda mi trámite y se me informe por escrito.',
  'Que se mejore la atención y se adopten medidas para que no se repita.',
  'Que se corrija el error sin costo y se me dé una respuesta.',
  'Solicito una explicación y que se revise mi caso.',
];

export function hoja(azar: Azar, aspecto: Aspecto, sede: string, servicio: string): { descripcion: string; pedido: string } {
  const descripcion = azar.elegir(HECHOS[aspecto]).replace('{sede}', sede).replace('{servicio}', servicio.toLowerCase());
  return { descripcion: descripcion.charAt(0).toUpperCase() + descripcion.slice(1), pedido: azar.elegir(PEDIDOS) };
}

const MEDIDAS: Readonly<Record<Aspecto, string>> = {
  [Aspecto.TIEMPO_ESPERA]: 'Se reforzó la atención con una ventanilla adicional en horas punta y se publica el tiempo de espera estimado.',
  [Aspecto.INFORMACION]: 'Se actualizó la guía de requisitos y se capacitó al personal de orientación.',
  [Aspecto.TRATO_PROFESIONAL]: 'Se comunicó el hecho al jefe inmediato del servidor y se programó una capacitación en atención a la ciudadanía.',
  [Aspecto.ACCESO]: 'Se habilitó un canal alternativo de atención y se programó la reparación del acceso.',
  [Aspecto.RESULTADO]: 'Se corrigió el documento sin costo y se revisó el procedimiento de verificación de datos.',
  [Aspecto.CONFIANZA]: 'Se derivó el caso al órgano de integridad y se reforzaron los controles de custodia de documentos.',
};

/** The answer's three parts (hechos, análisis, medidas adoptadas), as the unidad drafts it. */
export function respuesta(aspecto: Aspecto, servicio: string): { hechos: string; analisis: string; medidasAdoptadas: string } {
  return {
    hechos: `Usted presentó un reclamo sobre ${servicio.toLowerCase()}. Revisamos lo ocurrido con la unidad a cargo y los registros de atención de ese día.`,
    analisis: 'Verificamos que la atención no cumplió el estándar de servicio de la entidad en lo que usted señala; corresponde atender su pedido.',
    medidasAdoptadas: MEDIDAS[aspecto],
  };
}

export const MOTIVOS_SUBSANACION = [
  'Indique la fecha aproximada de la atención y el número de su expediente o ticket.',
  'Precise en qué sede y ventanilla ocurrió lo que describe.',
  'Adjunte una copia del cargo de su solicitud para ubicar el expediente.',
];

export const DETALLES_SUBSANACION = [
  'El ciudadano indicó el número de expediente en mesa de partes.',
  'El ciudadano precisó la sede y la fecha de la atención por teléfono.',
  'El ciudadano entregó copia del cargo en ventanilla.',
];

export const RECONDUCCIONES: ReadonlyArray<{ canal: 'queja_defecto_tramitacion' | 'acceso_informacion' | 'denuncia' | 'mesa_de_partes'; mensaje: string }> = [
  { canal: 'queja_defecto_tramitacion', mensaje: 'Su escrito es una queja por defecto de tramitación (Ley 27444): la derivamos al superior jerárquico de la unidad que tramita su expediente.' },
  { canal: 'acceso_informacion', mensaje: 'Su pedido es una solicitud de acceso a la información pública (Ley 27806): la derivamos al funcionario responsable de entregarla.' },
  { canal: 'mesa_de_partes', mensaje: 'Su escrito es una solicitud administrativa: la registramos en la mesa de partes, que le dará su propio número de expediente.' },
  { canal: 'denuncia', mensaje: 'Lo que relata puede constituir una denuncia: la derivamos a la plataforma de denuncias del Estado, que protege su identidad.' },
];

export const MOTIVOS_ANULACION = [
  'Duplicado: el ciudadano registró el mismo reclamo dos veces el mismo día.',
  'Duplicado de un reclamo anterior del mismo ciudadano por los mismos hechos.',
  'Registro de prueba hecho por el personal al configurar el libro.',
];

export const MOTIVO_TRASLADO = 'Los hechos ocurrieron en la atención de otra entidad, que es la competente para responder.';

export const COMENTARIOS_ENCUESTA = ['Gracias por la atención.', 'La respuesta llegó tarde.', 'Todo bien, pero la espera sigue siendo larga.', 'Me explicaron bien lo que pasó.'];
