import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { BandejaFiltros, CasoResumido, isResponsable, mayHandleReclamos, PENDIENTE_LABELS, ResumenDeGrupo, ResumirBandejaUseCase } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { CifrasEntidad, GetCifrasEntidadUseCase } from '@app/medicion';
import { Clock } from '@app/platform/clock';
import { clientIp, formatIsoDate } from '@app/platform/http';
import { ListEntidadesUseCase, ROL_ETIQUETAS, StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { num, pct } from '../cifras/cifras-pages.controller';
import { PagesErrorFilter } from './pages-error.filter';
import { estadoLabel, plazoTexto } from './reclamo-labels';

/** An officer's home: "due soon" is within this many business days (the last reminders go at 2 and 1). */
export const PROXIMOS_OFICIAL = 2;
/** The responsable's home: "due soon" is within this many business days (the bandeja marks these too). */
export const PROXIMOS_RESPONSABLE = 5;
/** How many of an officer's open reclamos, and of the entity's overdue ones for the titular, the home lists. */
export const LISTA_INICIO = 50;
/** How many reclamos each of the responsable's groups lists. */
export const PRIMEROS_POR_GRUPO = 5;

/** The bandeja's query string for a group's filters: its link opens exactly the reclamos the group counts. */
function enlaceBandeja(filtros: BandejaFiltros): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filtros)) if (v !== undefined) params.set(k, String(v));
  return `/bandeja?${params.toString()}`;
}

function casosTexto(n: number): string {
  return `${n.toLocaleString('es-PE')} ${n === 1 ? 'caso' : 'casos'}`;
}

/** A summarized reclamo as the home pages show it: the state and the deadline in words. */
function casoVista(c: CasoResumido) {
  return {
    ...c,
    estadoEtiqueta: estadoLabel(c.estado),
    notificacionFallida: c.estado === EstadoReclamo.NOTIFICACION_FALLIDA,
    plazo: plazoTexto(c.vence, c.diasHabilesRestantes, c.vencido),
  };
}

/**
 * The back-office's landing page, `/inicio`, where sign-in lands: each role on what it works from (issue
 * "Medición y mejora"). Server-rendered, usable without JavaScript; dates are Lima dates, deadlines in
 * business days of the entity's calendar (D.S. N° 007-2020-PCM: 30 días hábiles).
 * - oficial: their open reclamos by due date, with the overdue, the due within 2 business days and the total;
 * - responsable del libro (titular, alterno): what needs action, each group's count linking to the bandeja
 *   filtered the same way, and its first reclamos;
 * - titular de la entidad: this month's and this year's figures (`/cifras`) and the escalations, every
 *   overdue reclamo of the entity (they may open each case, read-only);
 * - coordinador (the SGP): 303 to its console, /consola (adoption by tramo, the ranking);
 * - administrador: the links of their work.
 * Every home keeps the account's security (sign out everywhere, change password). None shows a citizen's
 * data, so none writes an audit entry; another entity's reclamos are never read (the use cases scope by
 * the session's entity). Without a session: 303 to /ingresar.
 */
@ApiExcludeController()
@Controller('inicio')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class InicioPagesController {
  constructor(
    private readonly listEntidades: ListEntidadesUseCase,
    private readonly resumirBandeja: ResumirBandejaUseCase,
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  @Get()
  async inicio(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (user.rol === 'coordinador') return reply.redirect('/consola', 303);
    const [entidad] = user.entidadId ? await this.listEntidades.execute(user) : [];
    const scope = { actor: user, entidadId: user.entidadId ?? '', ip: clientIp(request) };
    const hoy = limaDateOf(this.clock.now());
    let rol: Record<string, unknown> = {};
    if (entidad && user.rol === 'oficial') rol = { oficial: await this.oficial(scope) };
    else if (entidad && isResponsable(user.rol)) rol = { responsable: await this.responsable(scope) };
    else if (entidad && user.rol === 'titular_entidad') rol = { titular: await this.titular(scope, entidad.id, hoy) };
    return reply.header('cache-control', 'private, no-store').view('inicio', {
      titulo: 'Inicio – Libro de Reclamaciones',
      usuario: user,
      rolEtiqueta: ROL_ETIQUETAS[user.rol],
      entidad: entidad ?? null,
      hoy,
      hoyTexto: formatIsoDate(hoy),
      ...rol,
      deRol: Object.keys(rol).length > 0,
      // An administrador belongs to no entity: the staff list asks them which one (?entidad=), so no bare link.
      gestionaPersonal: isResponsable(user.rol),
      registraHojas: mayHandleReclamos(user),
      csrfToken: this.sessionGuard.csrfTokenOf(session),
    });
  }

  /** The officer's own open reclamos (the bandeja's scope for an officer: assigned to them). */
  private async oficial(scope: { actor: StaffUser; entidadId: string; ip: string }) {
    const grupos = {
      abiertos: { filtros: { abiertos: true }, primeros: LISTA_INICIO },
      vencidos: { filtros: { vencidos: true }, primeros: 0 },
      proximos: { filtros: { venceEnDias: PROXIMOS_OFICIAL }, primeros: 0 },
    } satisfies Record<string, { filtros: BandejaFiltros; primeros: number }>;
    const resumen = await this.resumirBandeja.execute({ ...scope, grupos });
    const { abiertos, vencidos, proximos } = resumen.grupos;
    return {
      conteos: [
        { n: vencidos.total, texto: vencidos.total === 1 ? 'vencido' : 'vencidos', href: enlaceBandeja(grupos.vencidos.filtros), alerta: vencidos.total > 0 },
        { n: proximos.total, texto: `vence${proximos.total === 1 ? '' : 'n'} en ${PROXIMOS_OFICIAL} días hábiles o menos`, href: enlaceBandeja(grupos.proximos.filtros) },
        { n: abiertos.total, texto: `abierto${abiertos.total === 1 ? '' : 's'} en total`, href: enlaceBandeja(grupos.abiertos.filtros) },
      ],
      total: abiertos.total,
      casos: abiertos.casos.map(casoVista),
      mas: abiertos.total > abiertos.casos.length ? { texto: casosTexto(abiertos.total), href: enlaceBandeja(grupos.abiertos.filtros) } : null,
    };
  }

  /** What needs the responsable's action, each group as the bandeja filters it. */
  private async responsable(scope: { actor: StaffUser; entidadId: string; ip: string }) {
    const grupos = {
      porAsignar: { filtros: { estado: EstadoReclamo.REGISTRADO }, primeros: PRIMEROS_POR_GRUPO },
      aprobacion: { filtros: { pendiente: 'aprobacion' }, primeros: PRIMEROS_POR_GRUPO },
      notificacion: { filtros: { pendiente: 'notificacion' }, primeros: PRIMEROS_POR_GRUPO },
      subsanacion: { filtros: { pendiente: 'subsanacion' }, primeros: PRIMEROS_POR_GRUPO },
      proximos: { filtros: { venceEnDias: PROXIMOS_RESPONSABLE }, primeros: PRIMEROS_POR_GRUPO },
      vencidos: { filtros: { vencidos: true }, primeros: PRIMEROS_POR_GRUPO },
    } satisfies Record<string, { filtros: BandejaFiltros; primeros: number }>;
    const resumen = await this.resumirBandeja.execute({ ...scope, grupos });
    const textos: Record<keyof typeof grupos, { titulo: string; descripcion: string }> = {
      porAsignar: { titulo: 'Por asignar', descripcion: 'Registrados: asígnelos a una unidad orgánica u oficial, o reconduzca, traslade o anule.' },
      aprobacion: { titulo: PENDIENTE_LABELS.aprobacion, descripcion: 'Borradores de respuesta de las unidades que esperan su aprobación.' },
      notificacion: {
        titulo: PENDIENTE_LABELS.notificacion,
        descripcion: 'Respuestas aprobadas que aún no se notifican al ciudadano, y correos no aceptados que deben notificarse por otro medio.',
      },
      subsanacion: { titulo: PENDIENTE_LABELS.subsanacion, descripcion: 'El ciudadano completó la información pedida y nadie ha actuado en el caso desde entonces.' },
      proximos: { titulo: `Vencen en ${PROXIMOS_RESPONSABLE} días hábiles o menos`, descripcion: 'Casos abiertos con el plazo por vencer, sin contar los ya vencidos.' },
      vencidos: { titulo: 'Vencidos', descripcion: 'Casos abiertos con el plazo vencido: se escalan a usted y al titular de la entidad.' },
    };
    const lista = (Object.keys(grupos) as Array<keyof typeof grupos>).map((clave) => {
      const g: ResumenDeGrupo = resumen.grupos[clave];
      return {
        clave,
        ...textos[clave],
        total: g.total,
        totalTexto: casosTexto(g.total),
        href: enlaceBandeja(grupos[clave].filtros),
        alerta: (clave === 'vencidos' || clave === 'notificacion') && g.total > 0,
        casos: g.casos.map(casoVista),
        mas: g.total > g.casos.length,
      };
    });
    return { grupos: lista };
  }

  /** The titular's figures (this month and the year so far) and escalations (every overdue reclamo, the oldest first). */
  private async titular(scope: { actor: StaffUser; entidadId: string; ip: string }, entidadId: string, hoy: string) {
    const grupos = { vencidos: { filtros: { vencidos: true }, primeros: LISTA_INICIO } } satisfies Record<string, { filtros: BandejaFiltros; primeros: number }>;
    const [mes, anio, resumen] = await Promise.all([
      this.cifras.execute({ entidadId, periodo: { desde: `${hoy.slice(0, 7)}-01`, hasta: hoy }, filtros: {} }),
      this.cifras.execute({ entidadId, periodo: { desde: `${hoy.slice(0, 4)}-01-01`, hasta: hoy }, filtros: {} }),
      this.resumirBandeja.execute({ ...scope, grupos }),
    ]);
    const cifra = (c: CifrasEntidad) => ({
      desde: c.periodo.desde,
      hasta: c.periodo.hasta,
      href: `/cifras?desde=${c.periodo.desde}&hasta=${c.periodo.hasta}`,
      recibidos: num(c.resumen.recibidos),
      notificados: num(c.resumen.notificados),
      enPlazoLegal: pct(c.resumen.enPlazoLegalPct),
      mediana: num(c.resumen.diasHabilesMediana),
    });
    const { vencidos } = resumen.grupos;
    return {
      mes: cifra(mes),
      anio: cifra(anio),
      ahora: { abiertos: num(anio.ahora.abiertos), vencidos: num(anio.ahora.vencidos) },
      total: vencidos.total,
      totalTexto: casosTexto(vencidos.total),
      casos: vencidos.casos.map(casoVista),
      mas: vencidos.total > vencidos.casos.length ? { texto: casosTexto(vencidos.total), href: enlaceBandeja(grupos.vencidos.filtros) } : null,
      bandeja: enlaceBandeja(grupos.vencidos.filtros),
    };
  }
}
