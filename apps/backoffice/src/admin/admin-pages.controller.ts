import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { DomainError } from '@app/domain';
import { ListMensajesFallidosUseCase, ReenviarMensajeUseCase } from '@app/notifications';
import { formatLimaDateTime } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { ColasVigiladas, ESTADO_DE_TRABAJO_LABELS, ESTADOS_DE_TRABAJO } from './colas-vigiladas';
import { errorEnPalabras, tipoMensajeLabel } from './mensajes-labels';

/** Failed messages per page of the list. */
export const MENSAJES_POR_PAGINA = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The platform administrators' pages (server-rendered, no JavaScript): the failed messages with a
 * «Reenviar» button (ListMensajesFallidosUseCase / ReenviarMensajeUseCase, whose role check decides:
 * anyone else gets their 403) and the state of every queue (`/admin/colas`: anyone else gets 404, so
 * the page's existence is not confirmed, as bull-board's dashboard did before it).
 */
@ApiExcludeController()
@Controller('admin')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class AdminPagesController {
  constructor(
    private readonly listFallidos: ListMensajesFallidosUseCase,
    private readonly reenviar: ReenviarMensajeUseCase,
    private readonly colas: ColasVigiladas,
    private readonly sessionGuard: SessionGuard,
  ) {}

  /**
   * GET /admin/mensajes?pagina=N (1-based; a bad number is page 1): kind, case code, masked
   * recipient, attempts, the error in plain words (the server's text under it), Lima date and time.
   */
  @Get('mensajes')
  async mensajes(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('pagina') paginaTexto: unknown,
    @Query('aviso') aviso: unknown,
    @Res() reply: FastifyReply,
  ) {
    const pagina = typeof paginaTexto === 'string' && /^[1-9]\d{0,5}$/.test(paginaTexto) ? Number(paginaTexto) : 1;
    // One more than a page: whether a next page exists without counting the whole table.
    const filas = await this.listFallidos.execute({ actor: user, limite: MENSAJES_POR_PAGINA + 1, desde: (pagina - 1) * MENSAJES_POR_PAGINA });
    const mensajes = filas.slice(0, MENSAJES_POR_PAGINA).map((m) => ({
      id: m.id,
      tipo: tipoMensajeLabel(m.tipo),
      reclamoCodigo: m.reclamoCodigo,
      destinatario: m.destinatario,
      intentos: m.intentos,
      motivo: errorEnPalabras(m.ultimoError),
      detalle: m.ultimoError,
      fechaTexto: formatLimaDateTime(m.actualizadoEn),
      fechaIso: new Date(m.actualizadoEn).toISOString(),
    }));
    return reply.header('cache-control', 'private, no-store').view('admin-mensajes', {
      titulo: 'Mensajes fallidos – Libro de Reclamaciones',
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      mensajes,
      pagina,
      anterior: pagina > 1 ? pagina - 1 : null,
      siguiente: filas.length > MENSAJES_POR_PAGINA ? pagina + 1 : null,
      aviso: aviso === 'reenviado' ? 'El mensaje volvió a la cola de envío. Si el servidor lo acepta, dejará esta lista.' : null,
    });
  }

  /** POST /admin/mensajes/:id/reenviar (form, `_csrf`): back to pendiente and onto the queue; 303 to the list. */
  @Post('mensajes/:id/reenviar')
  @HttpCode(200)
  async reenviarMensaje(@CurrentUser() user: StaffUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    if (!UUID.test(id)) throw new DomainError('MENSAJE_NOT_FOUND', 'No hay un mensaje fallido con ese identificador.');
    await this.reenviar.execute({ actor: user, outboxId: id });
    return reply.redirect('/admin/mensajes?aviso=reenviado#aviso', 303);
  }

  /** GET /admin/colas: every queue's counts per state and its newest failed jobs (ids, names, reasons). */
  @Get('colas')
  async colasPage(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('aviso') aviso: unknown,
    @Res() reply: FastifyReply,
  ) {
    soloAdministradores(user);
    const colas = await this.colas.estado();
    return reply.header('cache-control', 'private, no-store').view('admin-colas', {
      titulo: 'Colas de trabajo – Libro de Reclamaciones',
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      estados: ESTADOS_DE_TRABAJO.map((e) => ({ codigo: e, etiqueta: ESTADO_DE_TRABAJO_LABELS[e] })),
      colas: colas.map((c) => ({
        ...c,
        conteos: ESTADOS_DE_TRABAJO.map((e) => ({ estado: e, n: c.conteos[e] })),
        fallidos: c.fallidos.map((f) => ({
          ...f,
          fechaTexto: f.fallidoEn ? formatLimaDateTime(f.fallidoEn) : 'sin fecha',
          accion: `/admin/colas/${encodeURIComponent(c.nombre)}/trabajos/${encodeURIComponent(f.id)}/reintentar`,
        })),
      })),
      aviso: aviso === 'reintentado' ? 'El trabajo volvió a la cola.' : null,
    });
  }

  /** POST /admin/colas/:cola/trabajos/:id/reintentar (form, `_csrf`): a failed job back to waiting; 303 to the page. */
  @Post('colas/:cola/trabajos/:id/reintentar')
  @HttpCode(200)
  async reintentar(@CurrentUser() user: StaffUser, @Param('cola') cola: string, @Param('id') id: string, @Res() reply: FastifyReply) {
    soloAdministradores(user);
    await this.colas.reintentar(cola, id);
    return reply.redirect('/admin/colas?aviso=reintentado#aviso', 303);
  }
}

/** Not an administrator: the page does not exist for them. */
function soloAdministradores(user: StaffUser): void {
  if (user.rol !== 'administrador') throw new NotFoundException();
}
