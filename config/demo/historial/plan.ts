import { addDays, BusinessCalendar, CalendarScope, computeDueDate, IsoDate, limaDateOf, PLAZO_SUBSANACION_DIAS_HABILES, weekdayOf, yearOf } from '@app/calendar';
import { assertTransition, Aspecto, Canal, EstadoReclamo, RolPersona } from '@app/domain';
import { ACTOR_SISTEMA, ActorEvento, ColumnasDelReclamo, PersonaDelReclamo, TipoEvento } from '@app/expediente';
import { reanudarTrasSubsanacion } from '@app/reclamos';
import { Azar, semillaDe } from './azar';
import * as textos from './textos';

/**
 * The demo history as a plan: every case's story (filing, assignment, subsanación, answer, approval,
 * notification, archive, survey; or annulment, reconducción, traslado), each move allowed by the
 * lifecycle (`assertTransition`) and dated on the entity's business days, written afterwards by
 * `escritor.ts`. Plain data and a seeded random source: no I/O, the same plan for the same inputs.
 *
 * Ids that exist only once written (a reclamo's id and code, an event's id, an attachment's id) appear
 * in the plan as `Marca`s the writer resolves.
 */

export interface PersonalHistorial {
  readonly id: string;
  readonly rol: string;
}

export interface EntidadHistorial {
  readonly id: string;
  readonly codigo: string;
  readonly ubigeo: string;
  readonly tipo: string;
  readonly sector: string;
  /** The entity's target in business days (≤ 30). */
  readonly plazo: number;
  readonly aprobacionRequerida: boolean;
  readonly pausaPlazo: boolean;
  readonly sedes: ReadonlyArray<{ id: string; nombre: string; ubigeo: string | null }>;
  readonly unidades: ReadonlyArray<{ id: string; nombre: string }>;
  readonly servicios: ReadonlyArray<{ id: string; nombre: string }>;
  /** Who assigns, approves, reconducts, transfers, annuls and archives. */
  readonly responsables: readonly PersonalHistorial[];
  /** Who is assigned, drafts, asks for subsanación and notifies by post. */
  readonly oficiales: readonly PersonalHistorial[];
  /** Reclamos filed over its history (traslados received come on top). */
  readonly reclamos: number;
  /**
   * First Lima day of its history (its book opened then); none: the 365 days up to `hasta`. The adoption
   * demo (config/demo/adopcion) opens the books of the rollout's entities years back, on their go-live day.
   */
  readonly desde?: IsoDate;
}

/** A reference to something the writer creates. */
export type Marca =
  | { readonly $marca: 'reclamoId' | 'codigo'; readonly caso: number }
  | { readonly $marca: 'eventoId'; readonly caso: number; readonly evento: number }
  | { readonly $marca: 'adjuntoId'; readonly caso: number; readonly adjunto: number }
  | { readonly $marca: 'mensajeId'; readonly caso: number; readonly mensaje: number }
  /** The sha-256 of the one demo scan every physical sheet and delivery proof of the history points to. */
  | { readonly $marca: 'escaneoSha256' };

export const marca = {
  reclamoId: (caso: number): Marca => ({ $marca: 'reclamoId', caso }),
  codigo: (caso: number): Marca => ({ $marca: 'codigo', caso }),
  evento: (caso: number, evento: number): Marca => ({ $marca: 'eventoId', caso, evento }),
  adjunto: (caso: number, adjunto: number): Marca => ({ $marca: 'adjuntoId', caso, adjunto }),
  mensaje: (caso: number, mensaje: number): Marca => ({ $marca: 'mensajeId', caso, mensaje }),
  escaneoSha256: (): Marca => ({ $marca: 'escaneoSha256' }),
};

export function esMarca(valor: unknown): valor is Marca {
  return typeof valor === 'object' && valor !== null && '$marca' in valor;
}

/** Columns of `reclamo` a move writes; an id not known yet (a traslado's new reclamo) is a `Marca`. */
export type ColumnasPlan = { [K in keyof ColumnasDelReclamo]?: ColumnasDelReclamo[K] | Marca };

export interface EventoPlan {
  readonly tipo: TipoEvento;
  readonly estadoAnterior: EstadoReclamo | null;
  readonly estadoNuevo: EstadoReclamo | null;
  readonly actor: ActorEvento;
  readonly motivo: string | null;
  readonly datos: Record<string, unknown>;
  readonly ocurridoEn: Date;
  /** Creation order: breaks ties between entries of one instant (a traslado's two reclamos). */
  readonly orden: number;
}

export interface AuditoriaPlan {
  readonly entidadId: string;
  /** The case the entry is about (a traslado's receiving entity records the new reclamo). */
  readonly caso: number;
  readonly actor: PersonalHistorial;
  readonly accion: string;
  readonly detalle: Record<string, unknown>;
  readonly ocurridoEn: Date;
  readonly orden: number;
}

export interface MensajePlan {
  readonly tipo: 'acuse_recibo' | 'solicitud_subsanacion' | 'reconduccion' | 'traslado' | 'respuesta';
  readonly destinatario: string;
  readonly datos: Record<string, unknown>;
  /** Joined after resolving: the same unique key the use case writes. */
  readonly claveUnica: ReadonlyArray<string | Marca>;
  readonly creadoEn: Date;
  /** When the SMTP server accepted it: every message of the history was delivered. */
  readonly enviadoEn: Date;
}

export interface AdjuntoPlan {
  readonly tipo: 'hoja_fisica' | 'constancia_notificacion';
  readonly nombre: string;
}

export interface RespuestaPlan {
  hechos: string;
  analisis: string;
  medidasAdoptadas: string;
  estado: 'pendiente_aprobacion' | 'aprobada';
  redactadoPor: string;
  redactadoEn: Date;
  revisadoPor: string | null;
  revisadoEn: Date | null;
}

export interface NotificacionPlan {
  readonly medio: 'email' | 'postal' | 'presencial';
  /** AAAA-MM-DD (Lima): what "answered on time" compares. */
  readonly fecha: IsoDate;
  readonly constanciaAdjunto: number | null;
  readonly aceptadaEn: Date | null;
  /** The answer's outbox row (e-mail): its position in `mensajes`. */
  readonly mensaje: number | null;
  readonly registradoPor: string | null;
  readonly creadoEn: Date;
}

export interface EncuestaPlan {
  readonly general: number;
  readonly rapidez: number;
  readonly claridad: number;
  readonly trato: number;
  readonly resuelto: 'si' | 'en_parte' | 'no';
  readonly comentario: string | null;
  readonly respondidaEn: Date;
}

/** A filing: what `abrirReclamo` needs besides the entity. */
export interface HojaPlan {
  readonly anio: number;
  readonly canal: Canal;
  readonly numeroHojaFisica: string | null;
  readonly registradoEn: Date;
  readonly fechaRegistroLima: IsoDate;
  readonly plazoDiasHabiles: number;
  readonly venceEl: IsoDate;
  readonly calendarioVersion: string;
  readonly aspecto: Aspecto;
  readonly sedeId: string;
  readonly servicioId: string;
  readonly fechaHechos: IsoDate;
  readonly descripcion: string;
  readonly pedido: string;
  readonly notificacionEmail: boolean;
  readonly personas: readonly PersonaDelReclamo[];
  /** When the row was written: the filing, or a physical sheet's transcription. */
  readonly ahora: Date;
}

/** A traslado received: what `abrirReclamoTrasladado` needs besides the origin. */
export interface TrasladoPlan {
  readonly origen: number;
  readonly anio: number;
  readonly registradoEn: Date;
  readonly fechaRegistroLima: IsoDate;
  readonly plazoDiasHabiles: number;
  readonly venceEl: IsoDate;
  readonly calendarioVersion: string;
}

export interface CasoPlan {
  readonly indice: number;
  readonly entidad: EntidadHistorial;
  /** When the book's page is taken (the correlative): the filing, the transcription, or the traslado. */
  readonly apertura: Date;
  readonly hoja: HojaPlan | null;
  readonly traslado: TrasladoPlan | null;
  readonly eventos: EventoPlan[];
  readonly auditorias: AuditoriaPlan[];
  readonly mensajes: MensajePlan[];
  readonly adjuntos: AdjuntoPlan[];
  respuesta: RespuestaPlan | null;
  notificacion: NotificacionPlan | null;
  encuesta: EncuestaPlan | null;
  /** The state and columns after the last move, and its instant (none: still as filed). */
  final: { estado: EstadoReclamo; columnas: ColumnasPlan; ahora: Date } | null;
}

export interface OpcionesPlan {
  /** Last Lima date of the history (yesterday); it covers the 365 days up to it. */
  readonly hasta: IsoDate;
  readonly calendar: BusinessCalendar;
  readonly scopeOf: (entidad: { codigo: string; ubigeo: string }) => CalendarScope;
  /** Varies the whole history; the same seed gives the same plan. */
  readonly semilla: number;
}

const LIMA_OFFSET = '-05:00';
const enLima = (fecha: IsoDate, minutos: number): Date => {
  const h = Math.floor(minutos / 60);
  const m = Math.floor(minutos % 60);
  const s = Math.floor((minutos * 60) % 60);
  return new Date(`${fecha}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${LIMA_OFFSET}`);
};
const MINUTO = 60_000;

// Filings by hour of the day (Lima): the night is quiet, office hours peak mid-morning and mid-afternoon.
const POR_HORA = [0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.3, 0.7, 1.4, 1.9, 2.0, 1.9, 1.5, 1.1, 1.5, 1.7, 1.6, 1.3, 1.0, 0.9, 0.8, 0.7, 0.5, 0.3];
// By day of the week, Sunday first: people file on weekdays, Mondays most.
const POR_DIA_SEMANA = [0.25, 1.3, 1.15, 1.1, 1.05, 0.95, 0.4];

/** Seasonality by month (January first), by the kind of entity: the months people deal with it most. */
function estacionalidad(e: EntidadHistorial): readonly number[] {
  if (e.sector === 'Educación' || e.tipo === 'universidad') return [0.7, 1.1, 1.5, 1.25, 1.0, 0.9, 0.75, 1.0, 1.0, 1.0, 0.9, 0.7];
  if (e.codigo === 'SUNAT') return [0.9, 1.0, 1.4, 1.35, 1.1, 0.95, 0.9, 0.95, 0.95, 0.95, 0.9, 0.8];
  if (e.tipo.startsWith('municipalidad')) return [1.2, 1.35, 1.1, 0.95, 1.0, 0.9, 0.9, 0.95, 0.95, 1.0, 0.95, 0.85];
  return [0.85, 0.95, 1.15, 1.1, 1.05, 1.0, 0.95, 1.0, 1.0, 1.05, 1.0, 0.8];
}

const ASPECTOS: ReadonlyArray<readonly [Aspecto, number]> = [
  [Aspecto.TIEMPO_ESPERA, 28],
  [Aspecto.INFORMACION, 22],
  [Aspecto.TRATO_PROFESIONAL, 17],
  [Aspecto.RESULTADO, 15],
  [Aspecto.ACCESO, 12],
  [Aspecto.CONFIANZA, 6],
];

/** Weights of a list that favour its first items (the main sede, the citizen-service unit). */
function pesosDecrecientes<T>(lista: readonly T[]): Array<readonly [T, number]> {
  return lista.map((x, i) => [x, i === 0 ? 3 : 1 / (1 + i * 0.4)] as const);
}

/**
 * Plans the history of the given entities: each its `reclamos` filings over the 365 days up to `hasta` (or from its `desde`)
 * (weekday and office-hour peaks, the entity's seasonality, a slow growth as the book becomes known), and
 * traslados between them. Cases are returned in creation order; `indice` is the position.
 */
export function planificarHistorial(entidades: readonly EntidadHistorial[], opciones: OpcionesPlan): CasoPlan[] {
  const casos: CasoPlan[] = [];
  const corte = enLima(addDays(opciones.hasta, 1), 0);
  let orden = 0;
  const siguienteOrden = () => orden++;
  for (const entidad of entidades) {
    const azar = new Azar(semillaDe(entidad.codigo, opciones.semilla));
    const dias = diasDeLaHistoria(entidad.desde ?? addDays(opciones.hasta, -364), opciones.hasta);
    const estacion = estacionalidad(entidad);
    const acumulados: number[] = [];
    let suma = 0;
    dias.forEach((dia, i) => {
      const laborable = opciones.calendar.isBusinessDay(dia, opciones.scopeOf(entidad));
      const feriado = !laborable && weekdayOf(dia) !== 0 && weekdayOf(dia) !== 6 ? 0.35 : 1;
      suma += estacion[Number(dia.slice(5, 7)) - 1] * POR_DIA_SEMANA[weekdayOf(dia)] * feriado * (0.85 + (0.3 * i) / dias.length);
      acumulados.push(suma);
    });
    const fechas = Array.from({ length: entidad.reclamos }, () => dias[azar.indicePonderado(acumulados)]).sort();
    // A book opened on `desde` (the adoption demo) gets its first reclamos in its first days, as a newly
    // published link does: the earliest three move to days 0, 3 and 7.
    // (Each becomes the earlier of its day and its opening day: the list stays in order.)
    if (entidad.desde !== undefined) {
      [0, 3, 7].slice(0, fechas.length).forEach((dias, i) => {
        const temprana = addDays(entidad.desde!, dias);
        if (fechas[i] > temprana) fechas[i] = temprana;
      });
    }
    let hojaFisica = 0;
    for (const fecha of fechas) {
      const fisico = azar.probabilidad(0.12);
      if (fisico) hojaFisica += 1;
      planificarCaso({ entidad, fecha, fisico, numeroHoja: hojaFisica, azar, casos, corte, opciones, entidades, siguienteOrden });
    }
  }
  return casos;
}

function diasDeLaHistoria(desde: IsoDate, hasta: IsoDate): IsoDate[] {
  const dias: IsoDate[] = [];
  for (let dia = desde; dia <= hasta; dia = addDays(dia, 1)) dias.push(dia);
  return dias;
}

interface Contexto {
  readonly entidad: EntidadHistorial;
  readonly fecha: IsoDate;
  readonly fisico: boolean;
  readonly numeroHoja: number;
  readonly azar: Azar;
  readonly casos: CasoPlan[];
  readonly corte: Date;
  readonly opciones: OpcionesPlan;
  readonly entidades: readonly EntidadHistorial[];
  readonly siguienteOrden: () => number;
}

/**
 * One case's story, written as the lifecycle's use cases would have left it, added to `c.casos` (with the
 * case a traslado opens at another entity). Steps that would happen after the end of `hasta` (Lima) do not
 * happen: recent cases stay open in whatever state they reached.
 */
function planificarCaso(c: Contexto): void {
  const { entidad, azar, opciones } = c;
  const scope = opciones.scopeOf(entidad);
  const cal = opciones.calendar;
  const indice = c.casos.length;
  const persona = textos.ciudadano(azar, indice);
  const sede = azar.ponderado(pesosDecrecientes(entidad.sedes));
  const servicio = azar.ponderado(pesosDecrecientes(entidad.servicios));
  const aspecto = azar.ponderado(ASPECTOS);
  const consiente = azar.probabilidad(c.fisico ? 0.55 : 0.9);

  // A physical sheet: written on a business day at the sede, transcribed one to three business days later.
  let registradoEn: Date;
  let apertura: Date;
  let fechaHoja: IsoDate | null = null;
  if (c.fisico) {
    fechaHoja = cal.businessDayOnOrAfter(c.fecha, scope);
    // Noon in Lima of the sheet's date, as the transcription use case records it (the instant is unknown).
    registradoEn = enLima(fechaHoja, 12 * 60);
    apertura = enLima(cal.addBusinessDays(fechaHoja, azar.entero(1, 3), scope), azar.entero(8 * 60 + 30, 17 * 60));
    if (apertura >= c.corte) return; // not transcribed yet
  } else {
    const hora = azar.ponderado(POR_HORA.map((p, h) => [h, p] as const));
    registradoEn = enLima(c.fecha, hora * 60 + azar.numero() * 60);
    apertura = registradoEn;
  }
  const due = computeDueDate({ registeredAt: fechaHoja ?? registradoEn, businessDays: entidad.plazo, scope, calendar: cal });
  const { descripcion, pedido } = textos.hoja(azar, aspecto, sede.nombre, servicio.nombre);
  const hoja: HojaPlan = {
    anio: yearOf(due.registro),
    canal: c.fisico ? Canal.FISICO : Canal.VIRTUAL,
    numeroHojaFisica: c.fisico ? String(c.numeroHoja).padStart(6, '0') : null,
    registradoEn,
    fechaRegistroLima: due.registro,
    plazoDiasHabiles: entidad.plazo,
    venceEl: due.vence,
    calendarioVersion: due.calendarVersion,
    aspecto,
    sedeId: sede.id,
    servicioId: servicio.id,
    fechaHechos: addDays(due.registro, -azar.entero(0, 10)),
    descripcion,
    pedido,
    notificacionEmail: consiente,
    personas: [
      {
        rol: RolPersona.RECLAMANTE,
        tipoDocumento: persona.tipoDocumento,
        numeroDocumento: persona.numeroDocumento,
        nombres: persona.nombres,
        apellidos: persona.apellidos,
        razonSocial: null,
        email: persona.email,
        telefono: null,
        ubigeo: sede.ubigeo ?? entidad.ubigeo,
        direccion: consiente ? null : textos.direccion(azar),
      },
    ],
    ahora: apertura,
  };
  const caso = nuevoCaso(indice, entidad, apertura, hoja, null);
  c.casos.push(caso);
  const h = new Historia(caso, c.siguienteOrden, c.corte);
  const responsable = azar.elegir(entidad.responsables);

  if (c.fisico) {
    caso.adjuntos.push({ tipo: 'hoja_fisica', nombre: `hoja-${hoja.numeroHojaFisica}.pdf` });
    const datos = { canal: Canal.FISICO, numeroHojaFisica: hoja.numeroHojaFisica, fechaHoja, vence: due.vence, escaneoId: marca.adjunto(indice, 0), escaneoSha256: marca.escaneoSha256() };
    const k = h.evento({ tipo: 'registrado', estadoAnterior: null, estadoNuevo: EstadoReclamo.REGISTRADO, actor: { tipo: 'personal', id: responsable.id }, motivo: 'Transcrito del libro de reclamaciones físico', datos, ocurridoEn: apertura });
    h.auditoria(apertura, responsable, 'hoja_fisica_registrada', { ...datos }, k, false);
  } else {
    h.evento({ tipo: 'registrado', estadoAnterior: null, estadoNuevo: EstadoReclamo.REGISTRADO, actor: { tipo: 'ciudadano' }, motivo: null, datos: { canal: Canal.VIRTUAL, adjuntos: 0, vence: due.vence }, ocurridoEn: apertura });
  }
  h.mensaje('acuse_recibo', persona.email, ['acuse_recibo:', marca.reclamoId(indice)], { reclamoId: marca.reclamoId(indice) }, new Date(apertura.getTime() + azar.entero(2, 30) * 1000));

  const desenlace = azar.numero();
  const base = limaDateOf(apertura) > due.registroEfectivo ? limaDateOf(apertura) : due.registroEfectivo;
  const temprano = () => h.oficina(azar, cal.addBusinessDays(base, azar.entero(0, 3), scope));
  if (desenlace < 0.02) {
    const motivo = azar.elegir(textos.MOTIVOS_ANULACION);
    h.move(temprano(), responsable, EstadoReclamo.ANULADO, { accion: 'anulado', motivo, set: { anulado_motivo: motivo } });
    return;
  }
  if (desenlace < 0.05) {
    const r = azar.elegir(textos.RECONDUCCIONES);
    const k = h.move(temprano(), responsable, EstadoReclamo.RECONDUCIDO, { accion: 'reconducido', motivo: r.mensaje, datos: { canal: r.canal }, set: { reconducido_a: r.canal } });
    if (k !== null) h.mensajeDelEvento('reconduccion', persona.email, ['reconduccion:', marca.reclamoId(indice)], { reclamoId: marca.reclamoId(indice), eventoId: marca.evento(indice, k) }, k);
    return;
  }
  // Only to an entity whose book was already open that day (the adoption demo opens books on different days).
  const destinos = c.entidades.filter((e) => e.id !== entidad.id && (e.desde === undefined || e.desde <= c.fecha));
  if (desenlace < 0.065 && !c.fisico && destinos.length > 0) {
    const en = temprano();
    if (en >= c.corte) return;
    const destino = azar.elegir(destinos);
    const dueDestino = computeDueDate({ registeredAt: en, businessDays: destino.plazo, scope: opciones.scopeOf(destino), calendar: cal });
    const recibido = nuevoCaso(c.casos.length, destino, en, null, {
      origen: indice,
      anio: yearOf(dueDestino.registro),
      registradoEn: en,
      fechaRegistroLima: dueDestino.registro,
      plazoDiasHabiles: destino.plazo,
      venceEl: dueDestino.vence,
      calendarioVersion: dueDestino.calendarVersion,
    });
    c.casos.push(recibido);
    const hd = new Historia(recibido, c.siguienteOrden, c.corte);
    hd.evento({
      tipo: 'registrado', estadoAnterior: null, estadoNuevo: EstadoReclamo.REGISTRADO, actor: { tipo: 'personal', id: responsable.id }, motivo: textos.MOTIVO_TRASLADO,
      datos: { trasladadoDesde: marca.codigo(indice), origenReclamoId: marca.reclamoId(indice), vence: dueDestino.vence }, ocurridoEn: en,
    });
    const datos = { entidadDestino: destino.codigo, nuevoReclamoId: marca.reclamoId(recibido.indice), nuevoCodigo: marca.codigo(recibido.indice) };
    const k = h.move(en, responsable, EstadoReclamo.TRASLADADO, { accion: 'trasladado', motivo: textos.MOTIVO_TRASLADO, datos, set: { trasladado_a_reclamo_id: marca.reclamoId(recibido.indice) } });
    // The receiving entity's own chain records where it came from (after the origin's entry, as the use case writes them).
    hd.auditoria(en, responsable, 'recibido_por_traslado', { origenReclamoId: marca.reclamoId(indice), origenCodigo: marca.codigo(indice), vence: dueDestino.vence }, null, false);
    if (k !== null) {
      h.mensajeDelEvento('traslado', persona.email, ['traslado:', marca.reclamoId(indice)], { reclamoId: marca.reclamoId(indice), nuevoReclamoId: marca.reclamoId(recibido.indice), eventoId: marca.evento(indice, k) }, k);
    }
    atender(hd, { entidad: destino, base: dueDestino.registroEfectivo, efectivo: dueDestino.registroEfectivo, vence: dueDestino.vence, email: persona.email, consiente, aspecto, servicio: servicio.nombre, azar, opciones, atascado: false });
    return;
  }
  atender(h, { entidad, base, efectivo: due.registroEfectivo, vence: due.vence, email: persona.email, consiente, aspecto, servicio: servicio.nombre, azar, opciones, atascado: desenlace > 0.985 });
}

function nuevoCaso(indice: number, entidad: EntidadHistorial, apertura: Date, hoja: HojaPlan | null, traslado: TrasladoPlan | null): CasoPlan {
  return { indice, entidad, apertura, hoja, traslado, eventos: [], auditorias: [], mensajes: [], adjuntos: [], respuesta: null, notificacion: null, encuesta: null, final: null };
}

interface Atencion {
  readonly entidad: EntidadHistorial;
  /** First Lima date staff can act on (the filing's business day, or the transcription's date). */
  readonly base: IsoDate;
  /** The business day the reclamo counts as filed on: business days to the notification count from here. */
  readonly efectivo: IsoDate;
  readonly vence: IsoDate;
  readonly email: string;
  readonly consiente: boolean;
  readonly aspecto: Aspecto;
  readonly servicio: string;
  readonly azar: Azar;
  readonly opciones: OpcionesPlan;
  /** Assigned and never answered: open, and overdue once its plazo ends. */
  readonly atascado: boolean;
}

/**
 * Assignment, maybe a subsanación, the answer (drafted, approved, marked respondido), its notification
 * (e-mail accepted by the server, or a postal or in-person delivery with its proof), maybe the archive, and
 * maybe a survey. Most answers are notified within the plazo, some late (the entity's tail).
 */
function atender(h: Historia, a: Atencion): void {
  const { azar, entidad } = a;
  const cal = a.opciones.calendar;
  const scope = a.opciones.scopeOf(entidad);
  const indice = h.caso.indice;
  const responsable = azar.elegir(entidad.responsables);
  const oficial = azar.elegir(entidad.oficiales);
  const unidad = azar.ponderado(pesosDecrecientes(entidad.unidades));
  const dia = (desde: IsoDate, n: number) => cal.addBusinessDays(desde, n, scope);

  const diaAsignacion = dia(a.base, azar.entero(0, 2));
  const asignadoEn = h.oficina(azar, diaAsignacion);
  if (h.move(asignadoEn, responsable, EstadoReclamo.EN_ATENCION, {
    accion: 'asignado',
    datos: { unidadId: unidad.id, oficialId: oficial.id },
    set: { asignado_en: asignadoEn, unidad_id: unidad.id, asignado_a: oficial.id },
  }) === null || a.atascado) return;

  // Business days from filing to notification: most well within the plazo, a tail late.
  const tarde = azar.probabilidad(0.09);
  const total = tarde ? azar.entero(31, 48) : Math.round(azar.triangular(2, 11, 29));
  let vence = a.vence;
  let pausados = 0;
  let desde = diaAsignacion;

  if (azar.probabilidad(0.07)) {
    const pedidoEn = h.oficina(azar, dia(diaAsignacion, azar.entero(1, 2)));
    const ventana = computeDueDate({ registeredAt: pedidoEn, businessDays: PLAZO_SUBSANACION_DIAS_HABILES, scope, calendar: cal });
    const motivo = azar.elegir(textos.MOTIVOS_SUBSANACION);
    const k = h.move(pedidoEn, oficial, EstadoReclamo.OBSERVADO, {
      accion: 'subsanacion_solicitada',
      motivo,
      datos: { subsanacionVence: ventana.vence, calendarioVersion: ventana.calendarVersion, pausaPlazo: entidad.pausaPlazo },
      set: { subsanacion_vence_el: ventana.vence },
    });
    if (k === null) return;
    h.mensajeDelEvento('solicitud_subsanacion', a.email, ['solicitud_subsanacion:', marca.reclamoId(indice), ':', marca.evento(indice, k)], { reclamoId: marca.reclamoId(indice), eventoId: marca.evento(indice, k) }, k);
    if (azar.probabilidad(0.25)) {
      // No answer: archived "no subsanado" once the window is over (the citizen may file again).
      h.move(h.oficina(azar, dia(ventana.vence, azar.entero(1, 3))), responsable, EstadoReclamo.ARCHIVADO, { accion: 'archivado', motivo: 'No subsanado' });
      return;
    }
    const respondeEn = h.oficina(azar, dia(limaDateOf(pedidoEn), azar.entero(1, PLAZO_SUBSANACION_DIAS_HABILES)));
    const reanudacion = reanudarTrasSubsanacion({
      solicitud: { eventoId: '', pedido: motivo, venceEl: ventana.vence, pausaPlazo: entidad.pausaPlazo, solicitadaEn: pedidoEn },
      reclamo: { venceEl: vence, diasPausados: 0 },
      ahora: respondeEn,
      calendar: cal,
      scope,
    });
    if (h.move(respondeEn, oficial, EstadoReclamo.EN_ATENCION, {
      accion: 'subsanacion_recibida',
      motivo: azar.elegir(textos.DETALLES_SUBSANACION),
      datos: { ...reanudacion.datos },
      set: reanudacion.columnas,
    }) === null) return;
    vence = reanudacion.vence;
    pausados = reanudacion.diasPausados;
    desde = limaDateOf(respondeEn);
  }

  const porCorreo = a.consiente;
  let diaNotificacion = dia(a.efectivo, total + pausados);
  if (diaNotificacion <= desde) diaNotificacion = dia(desde, 1);
  // By post, the answer is ready a few days before it is delivered; by e-mail, it goes the day it is ready.
  let diaRespondido = diaNotificacion;
  if (!porCorreo) {
    diaRespondido = atrasDe(cal, scope, diaNotificacion, azar.entero(1, 3), desde);
  }
  const diaRedaccion = atrasDe(cal, scope, diaRespondido, azar.entero(0, 2), desde);
  const texto = textos.respuesta(a.aspecto, a.servicio);
  const redactadoEn = h.oficina(azar, diaRedaccion);
  const estadoRespuesta = entidad.aprobacionRequerida ? 'pendiente_aprobacion' : 'aprobada';
  if (h.record(redactadoEn, oficial, 'respuesta_redactada', { datos: { estadoRespuesta, plantillaId: null, ...texto } }) === null) return;
  h.caso.respuesta = { ...texto, estado: estadoRespuesta, redactadoPor: oficial.id, redactadoEn, revisadoPor: null, revisadoEn: null };
  if (entidad.aprobacionRequerida) {
    const aprobadaEn = h.oficina(azar, diaRedaccion === diaRespondido ? diaRedaccion : azar.probabilidad(0.5) ? diaRedaccion : diaRespondido);
    if (h.record(aprobadaEn, responsable, 'respuesta_aprobada', {}) === null) return;
    h.caso.respuesta = { ...h.caso.respuesta, estado: 'aprobada', revisadoPor: responsable.id, revisadoEn: aprobadaEn };
  }
  const respondidoEn = h.oficina(azar, diaRespondido);
  if (h.move(respondidoEn, oficial, EstadoReclamo.RESPONDIDO, { accion: 'respondido' }) === null) return;

  let notificadoEn: Date;
  if (porCorreo) {
    const enCurso = new Date(respondidoEn.getTime() + azar.entero(1, 20) * MINUTO);
    const aceptadaEn = new Date(enCurso.getTime() + azar.entero(3, 90) * 1000);
    if (aceptadaEn >= h.corte) return; // still «respondido»: the e-mail goes out tomorrow
    const k = h.move(enCurso, oficial, EstadoReclamo.NOTIFICACION_EN_CURSO, { accion: 'notificacion_en_curso', datos: { medio: 'email' } })!;
    const mensaje = h.mensajeDelEvento('respuesta', a.email, ['respuesta:', marca.reclamoId(indice)], { reclamoId: marca.reclamoId(indice), eventoId: marca.evento(indice, k) }, k, aceptadaEn);
    const fecha = limaDateOf(aceptadaEn);
    h.sistema(aceptadaEn, EstadoReclamo.NOTIFICADO, { accion: 'notificado', medio: 'email', fecha, aceptadaEn: aceptadaEn.toISOString(), outboxId: marca.mensaje(indice, mensaje) }, { notificado_el: fecha });
    h.caso.notificacion = { medio: 'email', fecha, constanciaAdjunto: null, aceptadaEn, mensaje, registradoPor: null, creadoEn: aceptadaEn };
    notificadoEn = aceptadaEn;
  } else {
    const medio = azar.probabilidad(0.8) ? 'postal' : 'presencial';
    const registradaEn = h.oficina(azar, dia(diaNotificacion, azar.entero(0, 2)));
    const constancia = h.caso.adjuntos.length;
    const k = h.move(registradaEn, oficial, EstadoReclamo.NOTIFICADO, {
      accion: 'notificado',
      datos: { medio, fecha: diaNotificacion, constanciaId: marca.adjunto(indice, constancia) },
      set: { notificado_el: diaNotificacion },
    });
    if (k === null) return;
    h.caso.adjuntos.push({ tipo: 'constancia_notificacion', nombre: `constancia-${medio}.pdf` });
    h.caso.notificacion = { medio, fecha: diaNotificacion, constanciaAdjunto: constancia, aceptadaEn: null, mensaje: null, registradoPor: oficial.id, creadoEn: registradaEn };
    notificadoEn = registradaEn;
  }

  // The citizen rates the service (about a third of those notified by e-mail, fewer of the rest).
  const enPlazo = diaNotificacion <= vence;
  if (azar.probabilidad(porCorreo ? 0.36 : 0.15)) {
    const respondidaEn = new Date(notificadoEn.getTime() + azar.entero(30, 10 * 24 * 60) * MINUTO);
    if (respondidaEn < h.corte) h.caso.encuesta = encuesta(azar, enPlazo, respondidaEn);
  }
  // Stage 4, archive and custody: part of the answered cases are archived weeks later.
  if (azar.probabilidad(0.35)) {
    h.move(h.oficina(azar, cal.businessDayOnOrAfter(addDays(limaDateOf(notificadoEn), azar.entero(10, 30)), scope)), responsable, EstadoReclamo.ARCHIVADO, { accion: 'archivado' });
  }
}

/** The business day `n` business days before `fecha`, never before the day after `limite`. */
function atrasDe(cal: BusinessCalendar, scope: CalendarScope, fecha: IsoDate, n: number, limite: IsoDate): IsoDate {
  const dias: IsoDate[] = [];
  for (let d = cal.addBusinessDays(limite, 1, scope); d <= fecha; d = cal.addBusinessDays(d, 1, scope)) dias.push(d);
  if (dias.length === 0) return fecha;
  return dias[Math.max(0, dias.length - 1 - n)];
}

function encuesta(azar: Azar, enPlazo: boolean, respondidaEn: Date): EncuestaPlan {
  const nota = (centro: number) => Math.max(1, Math.min(5, Math.round(centro + (azar.numero() + azar.numero() - 1) * 1.6)));
  const general = nota(enPlazo ? 4 : 2.4);
  return {
    general,
    rapidez: nota(enPlazo ? 3.9 : 1.8),
    claridad: nota(enPlazo ? 4.1 : 3),
    trato: nota(enPlazo ? 4.2 : 3.1),
    resuelto: general >= 4 ? azar.ponderado([['si', 7], ['en_parte', 2], ['no', 1]]) : general === 3 ? azar.ponderado([['si', 3], ['en_parte', 4], ['no', 3]]) : azar.ponderado([['en_parte', 3], ['no', 7]]),
    comentario: azar.probabilidad(0.2) ? azar.elegir(textos.COMENTARIOS_ENCUESTA) : null,
    respondidaEn,
  };
}

/**
 * One case's timeline as `ReclamoTransaction` writes it: each move checked against the lifecycle, with
 * its event and audit entry (the audit's detail as the use case builds it); records (drafts, approvals)
 * with theirs; the platform's own moves (an e-mail accepted) as 'sistema'. Returns null, and writes
 * nothing, for a step at or after the history's end.
 */
class Historia {
  private estado = EstadoReclamo.REGISTRADO;
  private columnas: ColumnasPlan = {};
  private ultimo: Date;

  constructor(
    readonly caso: CasoPlan,
    private readonly orden: () => number,
    readonly corte: Date,
  ) {
    this.ultimo = caso.apertura;
  }

  /** An instant in office hours (Lima) of `fecha`, after every step so far. */
  oficina(azar: Azar, fecha: IsoDate): Date {
    const en = enLima(fecha, azar.entero(8 * 60 + 15, 17 * 60 + 30) + azar.numero());
    return en > this.ultimo ? en : new Date(this.ultimo.getTime() + azar.entero(4, 60) * MINUTO);
  }

  evento(e: Omit<EventoPlan, 'orden'>): number {
    this.caso.eventos.push({ ...e, orden: this.orden() });
    if (e.ocurridoEn > this.ultimo) this.ultimo = e.ocurridoEn;
    return this.caso.eventos.length - 1;
  }

  auditoria(en: Date, actor: PersonalHistorial, accion: string, detalle: Record<string, unknown>, evento: number | null, conEvento = true): void {
    const cita = conEvento && evento !== null ? { eventoId: marca.evento(this.caso.indice, evento) } : {};
    this.caso.auditorias.push({
      entidadId: this.caso.entidad.id,
      caso: this.caso.indice,
      actor,
      accion,
      detalle: { codigo: marca.codigo(this.caso.indice), ...detalle, ...cita },
      ocurridoEn: en,
      orden: this.orden(),
    });
  }

  move(
    en: Date,
    actor: PersonalHistorial,
    a: EstadoReclamo,
    m: { accion: string; motivo?: string | null; datos?: Record<string, unknown>; set?: ColumnasPlan },
  ): number | null {
    if (en >= this.corte) return null;
    assertTransition(this.estado, a);
    const { accion, motivo = null, datos = {}, set = {} } = m;
    const k = this.evento({ tipo: 'cambio_estado', estadoAnterior: this.estado, estadoNuevo: a, actor: { tipo: 'personal', id: actor.id }, motivo, datos: { accion, ...datos }, ocurridoEn: en });
    this.auditoria(en, actor, accion, { estadoAnterior: this.estado, estadoNuevo: a, motivo, ...datos, cambios: set }, k);
    this.cambiar(a, set, en);
    return k;
  }

  record(en: Date, actor: PersonalHistorial, tipo: TipoEvento, r: { motivo?: string | null; datos?: Record<string, unknown> }): number | null {
    if (en >= this.corte) return null;
    const { motivo = null, datos = {} } = r;
    const k = this.evento({ tipo, estadoAnterior: null, estadoNuevo: null, actor: { tipo: 'personal', id: actor.id }, motivo, datos, ocurridoEn: en });
    this.auditoria(en, actor, tipo, { motivo, ...datos }, k);
    return k;
  }

  /** A move by the platform itself (the answer's e-mail accepted), as `NotificacionEfectiva` records it. */
  sistema(en: Date, a: EstadoReclamo, datos: Record<string, unknown> & { accion: string }, set: ColumnasPlan): number {
    assertTransition(this.estado, a);
    const k = this.evento({ tipo: 'cambio_estado', estadoAnterior: this.estado, estadoNuevo: a, actor: { tipo: 'sistema' }, motivo: null, datos, ocurridoEn: en });
    this.auditoria(en, ACTOR_SISTEMA, datos.accion, { estadoAnterior: this.estado, estadoNuevo: a, motivo: null, ...datos }, k);
    this.cambiar(a, set, en);
    return k;
  }

  mensaje(tipo: MensajePlan['tipo'], destinatario: string, claveUnica: MensajePlan['claveUnica'], datos: Record<string, unknown>, enviadoEn: Date, creadoEn = this.ultimo): number {
    this.caso.mensajes.push({ tipo, destinatario, claveUnica, datos, creadoEn, enviadoEn: enviadoEn < this.corte ? enviadoEn : creadoEn });
    return this.caso.mensajes.length - 1;
  }

  /** The message a move writes in its transaction, sent a few seconds later (or when the server accepted it). */
  mensajeDelEvento(tipo: MensajePlan['tipo'], destinatario: string, claveUnica: MensajePlan['claveUnica'], datos: Record<string, unknown>, evento: number, enviadoEn?: Date): number {
    const en = this.caso.eventos[evento].ocurridoEn;
    return this.mensaje(tipo, destinatario, claveUnica, datos, enviadoEn ?? new Date(en.getTime() + 4_000), en);
  }

  private cambiar(a: EstadoReclamo, set: ColumnasPlan, en: Date): void {
    this.estado = a;
    Object.assign(this.columnas, set);
    this.caso.final = { estado: a, columnas: { ...this.columnas }, ahora: en };
  }
}
