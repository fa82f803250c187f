import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { isEmail, isUUID } from 'class-validator';
import { FastifyReply } from 'fastify';
import { ListCatalogoUseCase } from '@app/atencion';
import { DomainError, FieldError, RolUsuario } from '@app/domain';
import {
  DeactivateStaffUseCase,
  DesignateResponsableUseCase,
  EstadoPersonal,
  InviteStaffUseCase,
  isResponsable,
  ListEntidadesUseCase,
  ListStaffUseCase,
  mayInvite,
  ReactivateStaffUseCase,
  ROL_ETIQUETAS,
  ROLES_INVITABLES,
  RolDesignable,
  RolInvitable,
  StaffSession,
  StaffUser,
} from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from './pages-error.filter';
import { errorItems, errorsByField, ErrorItem, options } from './reclamo-labels';

/** Every field of the staff page's forms: optional text here; the checks below and the use cases name what is wrong. */
class PersonalForm {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(400) nombre?: string;
  @IsOptional() @IsString() @MaxLength(40) rol?: string;
  @IsOptional() @IsString() @MaxLength(40) unidadId?: string;
  @IsOptional() @IsString() @MaxLength(40) entidad?: string;
}

const ETIQUETAS: Readonly<Record<string, string>> = {
  email: 'Correo institucional',
  nombre: 'Nombres y apellidos',
  rol: 'Rol',
  unidadId: 'Unidad orgánica',
  entidadId: 'Entidad',
};

const ESTADO_LABELS: Readonly<Record<EstadoPersonal, string>> = {
  activo: 'Activa',
  invitado: 'Invitación pendiente',
  desactivado: 'Desactivada',
};

const AVISOS: Readonly<Record<string, string>> = {
  invitado: 'Se envió la invitación. La cuenta quedará activa cuando la persona elija su contraseña desde el enlace (vale 7 días).',
  desactivado: 'La cuenta quedó desactivada y sus sesiones se cerraron.',
  reactivado: 'La cuenta quedó activa de nuevo. La persona ingresa con su contraseña de siempre.',
  designado: 'Se registró la designación. Quien tenía ese rol pasó a ser oficial de la unidad orgánica.',
};

const DESIGNABLES: Readonly<Record<string, RolDesignable>> = { titular: 'responsable_titular', alterno: 'responsable_alterno' };

interface RenderState {
  status?: number;
  errores?: ErrorItem[];
  valores?: PersonalForm;
  aviso?: string;
}

/**
 * The entity's staff (server-rendered, no JavaScript): the list with each member's role and state,
 * the invitation form, and per member «Desactivar», «Reactivar» and «Designar como responsable».
 * Each action is the use case of /api/v1/personal (or its siblings in libs/staff), whose role
 * checks decide: a responsable works on their own entity, an administrator on the one named by
 * `?entidad=` (from the entity's page), the head of the entity only reads. Another entity's member
 * or entity is 404, an officer or a coordinator 403.
 */
@ApiExcludeController()
@Controller('personal')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class PersonalPagesController {
  constructor(
    private readonly listStaff: ListStaffUseCase,
    private readonly inviteStaff: InviteStaffUseCase,
    private readonly deactivateStaff: DeactivateStaffUseCase,
    private readonly reactivateStaff: ReactivateStaffUseCase,
    private readonly designate: DesignateResponsableUseCase,
    private readonly listCatalogo: ListCatalogoUseCase,
    private readonly listEntidades: ListEntidadesUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  /** GET /personal (an administrator: ?entidad=<uuid>; without it, the entities' list to choose from). */
  @Get()
  async personal(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: unknown,
    @Query('aviso') aviso: unknown,
    @Res() reply: FastifyReply,
  ) {
    if (user.rol === 'administrador' && entidad === undefined) return reply.redirect('/entidades', 303);
    return this.render(reply, user, session, entidadPedida(entidad), { aviso: typeof aviso === 'string' ? AVISOS[aviso] : undefined });
  }

  /** POST /personal/invitar: e-mail, nombre, rol, unidadId (optional), entidad (administrators). 303 back, or the page with 422/409. */
  @Post('invitar')
  @HttpCode(200)
  async invitar(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: PersonalForm, @Res() reply: FastifyReply) {
    const entidadId = entidadPedida(form.entidad);
    const errores: FieldError[] = [];
    const email = form.email?.trim() ?? '';
    const nombre = form.nombre?.trim() ?? '';
    const rol = (ROLES_INVITABLES as readonly string[]).includes(form.rol ?? '') ? (form.rol as RolInvitable) : null;
    const unidadId = form.unidadId?.trim() || undefined;
    if (!isEmail(email)) errores.push({ campo: 'email', mensaje: 'escriba el correo institucional de la persona' });
    if (nombre.length < 3 || nombre.length > 200) errores.push({ campo: 'nombre', mensaje: 'escriba entre 3 y 200 caracteres' });
    if (rol === null) errores.push({ campo: 'rol', mensaje: 'elija uno de los roles de la lista' });
    if (unidadId !== undefined && !isUUID(unidadId)) errores.push({ campo: 'unidadId', mensaje: 'elija una unidad orgánica de la lista' });
    try {
      if (errores.length > 0 || rol === null) throw new DomainError('VALIDATION_FAILED', 'Revise los datos.', errores);
      await this.inviteStaff.execute({ actor: user, email, nombre, rol, unidadId, entidadId });
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, entidadId, {
        status: error.code === 'CONFLICT' ? 409 : 422,
        valores: form,
        errores: errorItems(error.errores, ETIQUETAS, 'invitar-'),
      });
    }
    return reply.redirect(`${volver(entidadId)}aviso=invitado#aviso`, 303);
  }

  /** POST /personal/:id/desactivar: sessions closed at once; 303 back. */
  @Post(':id/desactivar')
  @HttpCode(200)
  async desactivar(@CurrentUser() user: StaffUser, @Param('id') id: string, @Body() form: PersonalForm, @Res() reply: FastifyReply) {
    await this.deactivateStaff.execute({ actor: user, usuarioId: miembro(id) });
    return reply.redirect(`${volver(entidadPedida(form.entidad))}aviso=desactivado#aviso`, 303);
  }

  /** POST /personal/:id/reactivar; 303 back. */
  @Post(':id/reactivar')
  @HttpCode(200)
  async reactivar(@CurrentUser() user: StaffUser, @Param('id') id: string, @Body() form: PersonalForm, @Res() reply: FastifyReply) {
    await this.reactivateStaff.execute({ actor: user, usuarioId: miembro(id) });
    return reply.redirect(`${volver(entidadPedida(form.entidad))}aviso=reactivado#aviso`, 303);
  }

  /** POST /personal/:id/designar/(titular|alterno); 303 back. */
  @Post(':id/designar/:cual')
  @HttpCode(200)
  async designar(
    @CurrentUser() user: StaffUser,
    @Param('id') id: string,
    @Param('cual') cual: string,
    @Body() form: PersonalForm,
    @Res() reply: FastifyReply,
  ) {
    const rol = DESIGNABLES[cual];
    if (!rol) throw new DomainError('USUARIO_NOT_FOUND', 'No existe ese miembro del personal en su entidad.');
    await this.designate.execute({ actor: user, usuarioId: miembro(id), rol });
    return reply.redirect(`${volver(entidadPedida(form.entidad))}aviso=designado#aviso`, 303);
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, entidadId: string | undefined, state: RenderState) {
    const esAdministrador = user.rol === 'administrador';
    const miembros = await this.listStaff.execute({ actor: user, entidadId });
    const alcance = esAdministrador ? entidadId : (user.entidadId ?? undefined);
    const [entidad] = (await this.listEntidades.execute(user)).filter((e) => e.id === alcance);
    const unidades = await this.listCatalogo.execute({ actor: user, entidadId: alcance, catalogo: 'unidades' });
    const nombreUnidad = new Map(unidades.map((u) => [u.id, u.nombre]));
    const gestiona = esAdministrador || isResponsable(user.rol);
    const rolesInvitables = ROLES_INVITABLES.filter((r) => mayInvite(user.rol, r));
    const errores = state.errores ?? [];
    const valores = state.valores ?? {};
    const filas = miembros.map((m) => {
      const propio = m.id === user.id;
      // The page offers only what the use case would accept; the use case checks again.
      const tocaTitular = m.rol === 'responsable_titular' && !esAdministrador;
      return {
        ...m,
        estadoEtiqueta: ESTADO_LABELS[m.estado],
        unidad: m.unidadId ? (nombreUnidad.get(m.unidadId) ?? '') : '',
        propio,
        desactivar: gestiona && !propio && !tocaTitular && m.estado !== 'desactivado' ? `/personal/${m.id}/desactivar` : null,
        reactivar: gestiona && !tocaTitular && m.estado === 'desactivado' ? `/personal/${m.id}/reactivar` : null,
        designar:
          gestiona && !propio && m.estado === 'activo'
            ? designacionesPara(user.rol, m.rol).map((cual) => ({
                accion: `/personal/${m.id}/designar/${cual}`,
                texto: `Designar como responsable ${cual}`,
              }))
            : [],
      };
    });
    return reply
      .status(state.status ?? 200)
      .header('cache-control', 'private, no-store')
      .view('personal', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Personal de la entidad – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        entidad: entidad ?? null,
        entidadCampo: esAdministrador ? alcance : null,
        filas,
        gestiona,
        aviso: state.aviso,
        errores,
        error: errorsByField(errores),
        invitar:
          rolesInvitables.length > 0
            ? {
                email: valores.email ?? '',
                nombre: valores.nombre ?? '',
                roles: options(rolesInvitables.map((r) => [r, ROL_ETIQUETAS[r]]), valores.rol),
                unidades: options(unidades.filter((u) => u.activo).map((u) => [u.id, u.nombre]), valores.unidadId),
              }
            : null,
      });
  }
}

/** What the actor may designate a member with this role as (DesignateResponsableUseCase decides again). */
function designacionesPara(actor: RolUsuario, miembroRol: RolUsuario): Array<'titular' | 'alterno'> {
  if (miembroRol === 'titular_entidad') return [];
  const cuales: Array<'titular' | 'alterno'> = [];
  if (actor === 'administrador' && miembroRol !== 'responsable_titular') cuales.push('titular');
  if ((actor === 'administrador' || isResponsable(actor)) && miembroRol === 'oficial') cuales.push('alterno');
  if (actor === 'administrador' && miembroRol === 'responsable_titular') cuales.push('alterno');
  return cuales;
}

/** An entity id from the query or a hidden field: a malformed one is the same "not found" as another entity's. */
function entidadPedida(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !isUUID(value)) throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe esa entidad.');
  return value;
}

function miembro(id: string): string {
  if (!isUUID(id)) throw new DomainError('USUARIO_NOT_FOUND', 'No existe ese miembro del personal en su entidad.');
  return id;
}

/** The list again, with the administrator's entity kept. */
function volver(entidadId: string | undefined): string {
  return entidadId ? `/personal?entidad=${entidadId}&` : '/personal?';
}
