import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  abrirReclamos,
  abrirReclamosTrasladados,
  actualizarReclamos,
  agregarAdjuntosEnLote,
  AuditEntry,
  AuditTrail,
  ColumnasDelReclamo,
  registrarEventos,
  reservarCorrelativos,
} from '@app/expediente';
import { messageIdFor } from '@app/notifications';
import { StoredObject } from '@app/storage';
import { CasoPlan, esMarca, Marca } from './plan';

export interface EscrituraHistorial {
  readonly auditTrail: AuditTrail;
  /** The one demo scan (a PDF) that the history's physical sheets and delivery proofs point to. */
  readonly escaneo: StoredObject;
  /** MESSAGE_ID_DOMAIN: the history's messages carry the Message-ID the sender would have given them. */
  readonly dominioMensajes: string;
  readonly progreso: (linea: string) => void;
}

export interface ConteoHistorial {
  reclamos: number;
  eventos: number;
  auditorias: number;
  mensajes: number;
  respuestas: number;
  notificaciones: number;
  encuestas: number;
}

/**
 * Writes a planned history in the caller's transaction, the way its use cases write each case, in bulk
 * where the volume asks for it:
 * - through libs/expediente, the writer of the case tables, with its bulk functions (the same rows as their
 *   one-at-a-time siblings, a statement per table): each book's pages reserved in one block and handed out
 *   in the order they were taken, so correlatives follow time with no gaps (`reservarCorrelativos`); the
 *   reclamos with their people (`abrirReclamos`), the traslados copied from their origin
 *   (`abrirReclamosTrasladados`), the files' records (`agregarAdjuntosEnLote`), the timelines
 *   (`registrarEventos`, ids in time order), each reclamo's state and columns after its last move
 *   (`actualizarReclamos`), and the audit entries (`AuditTrail.appendMany`, each entity's chain in time order);
 * - the rows other libs write one at a time, here in one statement each with the same columns: the answers
 *   (`respuesta`, as DraftRespuesta and ApproveRespuesta leave them), their notifications
 *   (`notificacion_respuesta`, as `registrarNotificacion`), the messages (`outbox`, as `escribirMensaje`
 *   writes them and the sender marks them sent: every message of the history was delivered), and the
 *   surveys (`encuesta`, as ResponderEncuesta).
 */
export async function escribirHistorial(manager: EntityManager, casos: readonly CasoPlan[], w: EscrituraHistorial): Promise<ConteoHistorial> {
  const reclamoIds: string[] = [];
  const codigos: string[] = [];
  const adjuntoIds: string[][] = casos.map(() => []);
  const mensajeIds: string[][] = casos.map((c) => c.mensajes.map(() => randomUUID()));
  const eventoIds: string[][] = casos.map(() => []);

  // Pages of each entity's book for each year, in the order they were taken (filings, transcriptions and
  // traslados received interleaved by time): one block reserved per book, every number used.
  const porApertura = [...casos].sort((a, b) => a.apertura.getTime() - b.apertura.getTime() || a.indice - b.indice);
  const correlativos: number[] = [];
  const libros = new Map<string, CasoPlan[]>();
  for (const caso of porApertura) {
    const libro = `${caso.entidad.id}:${caso.hoja?.anio ?? caso.traslado!.anio}`;
    libros.set(libro, [...(libros.get(libro) ?? []), caso]);
  }
  for (const paginas of libros.values()) {
    const primera = await reservarCorrelativos(manager, paginas[0].entidad.id, paginas[0].hoja?.anio ?? paginas[0].traslado!.anio, paginas.length);
    paginas.forEach((caso, i) => (correlativos[caso.indice] = primera + i));
  }
  const hojas = casos.filter((c) => c.hoja);
  const abiertas = await abrirReclamos(
    manager,
    hojas.map((c) => ({ entidad: { id: c.entidad.id, codigo: c.entidad.codigo }, ...c.hoja!, unidadId: null, adjuntos: [], correlativo: correlativos[c.indice] })),
  );
  hojas.forEach((c, i) => ([reclamoIds[c.indice], codigos[c.indice]] = [abiertas[i].id, abiertas[i].codigo]));
  // A traslado copies its origin, which is always a filing (the plan transfers none twice).
  const traslados = casos.filter((c) => c.traslado);
  const trasladadas = await abrirReclamosTrasladados(
    manager,
    traslados.map((c) => ({
      ...c.traslado!,
      origenId: reclamoIds[c.traslado!.origen],
      destino: { id: c.entidad.id, codigo: c.entidad.codigo },
      correlativo: correlativos[c.indice],
    })),
  );
  traslados.forEach((c, i) => ([reclamoIds[c.indice], codigos[c.indice]] = [trasladadas[i].id, trasladadas[i].codigo]));
  w.progreso(`${casos.length} reclamos en los libros de ${libros.size} entidades y años`);

  const conAdjuntos = casos.flatMap((c) => c.adjuntos.map((adjunto) => ({ c, adjunto })));
  const idsDeAdjuntos = await agregarAdjuntosEnLote(
    manager,
    conAdjuntos.map(({ c, adjunto }) => ({
      reclamoId: reclamoIds[c.indice],
      tipo: adjunto.tipo,
      adjunto: { nombreOriginal: adjunto.nombre, tipoMime: 'application/pdf', bytes: w.escaneo.bytes, sha256: w.escaneo.sha256, clave: w.escaneo.clave },
    })),
  );
  conAdjuntos.forEach(({ c }, i) => adjuntoIds[c.indice].push(idsDeAdjuntos[i]));

  const resolver = (valor: unknown): unknown => {
    if (esMarca(valor)) return valorDe(valor);
    if (Array.isArray(valor)) return valor.map(resolver);
    if (valor === null || typeof valor !== 'object' || valor instanceof Date) return valor;
    return Object.fromEntries(Object.entries(valor).map(([k, v]) => [k, resolver(v)]));
  };
  const valorDe = (m: Marca): string => {
    switch (m.$marca) {
      case 'reclamoId':
        return reclamoIds[m.caso];
      case 'codigo':
        return codigos[m.caso];
      case 'eventoId':
        return eventoIds[m.caso][m.evento];
      case 'adjuntoId':
        return adjuntoIds[m.caso][m.adjunto];
      case 'mensajeId':
        return mensajeIds[m.caso][m.mensaje];
      case 'escaneoSha256':
        return w.escaneo.sha256;
    }
  };
  const datos = (valor: Record<string, unknown>) => resolver(valor) as Record<string, unknown>;

  const eventos = casos
    .flatMap((caso) => caso.eventos.map((evento, k) => ({ caso: caso.indice, k, evento })))
    .sort((a, b) => a.evento.ocurridoEn.getTime() - b.evento.ocurridoEn.getTime() || a.evento.orden - b.evento.orden);
  const ids = await registrarEventos(
    manager,
    eventos.map(({ caso, evento }) => ({ ...evento, reclamoId: reclamoIds[caso], entidadId: casos[caso].entidad.id, datos: datos(evento.datos) })),
  );
  eventos.forEach(({ caso, k }, i) => (eventoIds[caso][k] = ids[i]));
  w.progreso(`${ids.length} eventos de la línea de tiempo`);

  await actualizarReclamos(
    manager,
    casos
      .filter((c) => c.final)
      .map((c) => ({
        reclamoId: reclamoIds[c.indice],
        entidadId: c.entidad.id,
        estado: c.final!.estado,
        columnas: resolver(c.final!.columnas) as ColumnasDelReclamo,
        ahora: c.final!.ahora,
      })),
  );

  const conRespuesta = casos.filter((c) => c.respuesta);
  if (conRespuesta.length > 0) await manager.query(
    `INSERT INTO respuesta (reclamo_id, entidad_id, hechos, analisis, medidas_adoptadas, estado, redactado_por, redactado_en, revisado_por, revisado_en)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[], $9::uuid[], $10::timestamptz[])`,
    columnas(conRespuesta, (c) => {
      const r = c.respuesta!;
      return [reclamoIds[c.indice], c.entidad.id, r.hechos, r.analisis, r.medidasAdoptadas, r.estado, r.redactadoPor, r.redactadoEn, r.revisadoPor, r.revisadoEn];
    }),
  );

  const mensajes = casos.flatMap((c) => c.mensajes.map((m, k) => ({ c, m, id: mensajeIds[c.indice][k] })));
  if (mensajes.length > 0) await manager.query(
    `INSERT INTO outbox (id, entidad_id, reclamo_id, tipo, canal, destinatario, datos, clave_unica, estado, intentos, message_id, enviado_en, created_at, updated_at)
     SELECT i, e, r, t, 'email', d, x, k, 'enviado', 1, mid, env, cre, env
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[])
         AS m(i, e, r, t, d, x, k, mid, env, cre)`,
    columnas(mensajes, ({ c, m, id }) => [
      id,
      c.entidad.id,
      reclamoIds[c.indice],
      m.tipo,
      m.destinatario,
      JSON.stringify(datos(m.datos)),
      m.claveUnica.map((parte) => (typeof parte === 'string' ? parte : valorDe(parte))).join(''),
      messageIdFor(id, w.dominioMensajes),
      m.enviadoEn,
      m.creadoEn,
    ]),
  );

  const notificados = casos.filter((c) => c.notificacion);
  if (notificados.length > 0) await manager.query(
    `INSERT INTO notificacion_respuesta (reclamo_id, entidad_id, medio, fecha, constancia_adjunto_id, aceptada_en, outbox_id, registrado_por, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::uuid[], $6::timestamptz[], $7::uuid[], $8::uuid[], $9::timestamptz[])`,
    columnas(notificados, (c) => {
      const n = c.notificacion!;
      return [
        reclamoIds[c.indice],
        c.entidad.id,
        n.medio,
        n.fecha,
        n.constanciaAdjunto === null ? null : adjuntoIds[c.indice][n.constanciaAdjunto],
        n.aceptadaEn,
        n.mensaje === null ? null : mensajeIds[c.indice][n.mensaje],
        n.registradoPor,
        n.creadoEn,
      ];
    }),
  );

  const encuestas = casos.filter((c) => c.encuesta);
  if (encuestas.length > 0) await manager.query(
    `INSERT INTO encuesta (reclamo_id, entidad_id, satisfaccion_general, rapidez, claridad, trato, resuelto, comentario, respondida_en)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::smallint[], $5::smallint[], $6::smallint[], $7::text[], $8::text[], $9::timestamptz[])`,
    columnas(encuestas, (c) => {
      const e = c.encuesta!;
      return [reclamoIds[c.indice], c.entidad.id, e.general, e.rapidez, e.claridad, e.trato, e.resuelto, e.comentario, e.respondidaEn];
    }),
  );

  w.progreso(`${conRespuesta.length} respuestas, ${notificados.length} notificaciones, ${mensajes.length} correos enviados y ${encuestas.length} encuestas`);

  const auditorias: AuditEntry[] = casos
    .flatMap((c) => c.auditorias)
    .sort((a, b) => a.ocurridoEn.getTime() - b.ocurridoEn.getTime() || a.orden - b.orden)
    .map((a) => ({ entidadId: a.entidadId, reclamoId: reclamoIds[a.caso], actor: a.actor, ip: null, accion: a.accion, detalle: datos(a.detalle), ocurridoEn: a.ocurridoEn }));
  await w.auditTrail.appendMany(manager, auditorias);
  w.progreso(`${auditorias.length} entradas de auditoría en la cadena de cada entidad`);

  return {
    reclamos: casos.length,
    eventos: ids.length,
    auditorias: auditorias.length,
    mensajes: mensajes.length,
    respuestas: conRespuesta.length,
    notificaciones: notificados.length,
    encuestas: encuestas.length,
  };
}

/** Rows as the columns `unnest` takes: one array per column. */
function columnas<T>(filas: readonly T[], fila: (x: T) => unknown[]): unknown[][] {
  const valores = filas.map(fila);
  const n = valores[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => valores.map((v) => v[i]));
}
