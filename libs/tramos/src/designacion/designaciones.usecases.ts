import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { DomainError, RolUsuario, ValidationFailedError } from '@app/domain';
import { InviteStaffUseCase, MiembroPersonal, ROL_ETIQUETAS, StaffUser } from '@app/staff';
import { DesignacionEntrada, revisarDesignacion } from '../reglas/designacion-datos';
import { assertGestionaRegistro } from '../registro/acceso';
import { Consultor, EntidadRegistro, entidadPorCodigo } from '../registro/consultas';
import { RegistroCommand, RegistroTransaction } from '../registro/registro-transaction';

/** One oficio received: who the head of the entity designated, and who entered it. */
export interface Designacion {
  id: string;
  oficioNumero: string;
  /** The oficio's date, YYYY-MM-DD. */
  oficioFecha: string;
  titular: { nombre: string; email: string };
  alterno: { nombre: string; email: string } | null;
  /** Name of the coordinator or administrator who entered it. */
  registradoPor: string | null;
  registradoEn: Date;
  /** The oficio in force: the latest by its date (then by when it was entered). */
  vigente: boolean;
}

export type Cargo = 'titular' | 'alterno';
export const ROL_DE_CARGO: Readonly<Record<Cargo, 'responsable_titular' | 'responsable_alterno'>> = {
  titular: 'responsable_titular',
  alterno: 'responsable_alterno',
};

/**
 * The account of a person the oficio in force designates, looked up by e-mail: none yet (invite it),
 * invited and pending, active, deactivated, or `otra_cuenta` when the e-mail already has an account of
 * another role or entity (the invitation would be refused; the person's account must be sorted out first).
 */
export type EstadoCuentaDesignada = 'sin_cuenta' | 'invitado' | 'activo' | 'desactivado' | 'otra_cuenta';

export interface CuentaDesignada {
  cargo: Cargo;
  rol: RolUsuario;
  rolEtiqueta: string;
  nombre: string;
  email: string;
  estado: EstadoCuentaDesignada;
  /** Whether «Invitar» applies: no account with that e-mail yet. */
  invitable: boolean;
}

/** An account of the entity with a responsable's role (the ones designated before included). */
export interface CuentaResponsable {
  nombre: string;
  email: string;
  rol: RolUsuario;
  rolEtiqueta: string;
  estado: 'activo' | 'invitado' | 'desactivado';
}

export interface EntidadDetalle extends EntidadRegistro {
  /** How many reclamos the entity has received (why its code is fixed). */
  reclamos: number;
  designaciones: Designacion[];
  designados: CuentaDesignada[];
  responsables: CuentaResponsable[];
}

async function designacionesDe(q: Consultor, entidadId: string): Promise<Designacion[]> {
  const rows: Array<{
    id: string;
    oficio_numero: string;
    fecha: string;
    titular_nombre: string;
    titular_email: string;
    alterno_nombre: string | null;
    alterno_email: string | null;
    registrado_por: string | null;
    registrado_en: Date;
  }> = await q.query(
    `SELECT d.id, d.oficio_numero, to_char(d.oficio_fecha, 'YYYY-MM-DD') AS fecha, d.titular_nombre, d.titular_email, d.alterno_nombre,
            d.alterno_email, u.nombre AS registrado_por, d.registrado_en
       FROM designacion_responsables d LEFT JOIN usuario u ON u.id = d.registrado_por
      WHERE d.entidad_id = $1 ORDER BY d.oficio_fecha DESC, d.registrado_en DESC, d.id DESC`,
    [entidadId],
  );
  return rows.map((r, i) => ({
    id: r.id,
    oficioNumero: r.oficio_numero,
    oficioFecha: r.fecha,
    titular: { nombre: r.titular_nombre, email: r.titular_email },
    alterno: r.alterno_nombre !== null && r.alterno_email !== null ? { nombre: r.alterno_nombre, email: r.alterno_email } : null,
    registradoPor: r.registrado_por,
    registradoEn: r.registrado_en,
    vigente: i === 0,
  }));
}

const estadoDe = (u: { activo: boolean; desactivado_en: Date | null }): 'activo' | 'invitado' | 'desactivado' =>
  u.activo ? 'activo' : u.desactivado_en ? 'desactivado' : 'invitado';

/**
 * An entity's registry page: its record, how many reclamos it has, the oficios received (newest
 * first) and where the designated people's accounts stand. Staff names and e-mails only: no citizen's
 * data, no case.
 */
@Injectable()
export class ObtenerEntidadUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: { actor: StaffUser; codigo: string }): Promise<EntidadDetalle> {
    assertGestionaRegistro(command.actor);
    const entidad = await entidadPorCodigo(this.dataSource, command.codigo);
    const conteo: Promise<Array<{ reclamos: number }>> = this.dataSource.query(`SELECT count(*)::int AS reclamos FROM reclamo WHERE entidad_id = $1`, [entidad.id]);
    const [[{ reclamos }], designaciones] = await Promise.all([conteo, designacionesDe(this.dataSource, entidad.id)]);
    const vigente = designaciones[0];
    const personas = vigente ? ([['titular', vigente.titular], ...(vigente.alterno ? [['alterno', vigente.alterno]] : [])] as Array<[Cargo, { nombre: string; email: string }]>) : [];
    const cuentas: Array<{ nombre: string; email: string; rol: RolUsuario; entidad_id: string | null; activo: boolean; desactivado_en: Date | null }> =
      await this.dataSource.query(
        `SELECT nombre, lower(email) AS email, rol, entidad_id, activo, desactivado_en FROM usuario
          WHERE lower(email) = ANY($1::text[]) OR (entidad_id = $2 AND rol IN ('responsable_titular', 'responsable_alterno'))
          ORDER BY rol DESC, nombre`,
        [personas.map(([, p]) => p.email.toLowerCase()), entidad.id],
      );
    const designados = personas.map(([cargo, p]): CuentaDesignada => {
      const rol = ROL_DE_CARGO[cargo];
      const cuenta = cuentas.find((c) => c.email === p.email.toLowerCase());
      const estado: EstadoCuentaDesignada = !cuenta ? 'sin_cuenta' : cuenta.entidad_id === entidad.id && cuenta.rol === rol ? estadoDe(cuenta) : 'otra_cuenta';
      return { cargo, rol, rolEtiqueta: ROL_ETIQUETAS[rol], nombre: p.nombre, email: p.email, estado, invitable: estado === 'sin_cuenta' };
    });
    const responsables = cuentas
      .filter((c) => c.entidad_id === entidad.id && (c.rol === 'responsable_titular' || c.rol === 'responsable_alterno'))
      .map((c) => ({ nombre: c.nombre, email: c.email, rol: c.rol, rolEtiqueta: ROL_ETIQUETAS[c.rol], estado: estadoDe(c) }));
    return { ...entidad, reclamos, designaciones, designados, responsables };
  }
}

/**
 * A coordinator enters an oficio designating the entity's responsables (titular, and alterno if the
 * oficio names one). Every oficio is kept: a later one replaces the designated people, and the first
 * one dates the adoption step «designación recibida». The accounts are invited separately, from the
 * entity's page (`InvitarResponsableUseCase`), so an oficio can be entered before the e-mails are sure.
 */
@Injectable()
export class DesignarResponsablesUseCase {
  constructor(private readonly tx: RegistroTransaction) {}

  async execute(command: RegistroCommand & { codigo: string; datos: DesignacionEntrada }): Promise<Designacion> {
    return this.tx.run(command, async ({ manager, now, audit }) => {
      const entidad = await entidadPorCodigo(manager, command.codigo, true);
      const { datos, errores } = revisarDesignacion(command.datos, limaDateOf(now));
      if (!datos) throw new ValidationFailedError(errores);
      if (!entidad.activo) throw inactiva();
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO designacion_responsables (entidad_id, oficio_numero, oficio_fecha, titular_nombre, titular_email, alterno_nombre, alterno_email,
                                               registrado_por, registrado_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [entidad.id, datos.oficioNumero, datos.oficioFecha, datos.titularNombre, datos.titularEmail, datos.alternoNombre, datos.alternoEmail, command.actor.id, now],
      );
      // The trail names the oficio; the people are in the designation row it points to.
      await audit({ accion: 'responsables_designados', entidadId: entidad.id, detalle: { designacionId: id, oficioNumero: datos.oficioNumero, oficioFecha: datos.oficioFecha, conAlterno: datos.alternoEmail !== null } });
      const designacion = (await designacionesDe(manager, entidad.id)).find((d) => d.id === id)!;
      return designacion;
    });
  }
}

const inactiva = () =>
  new DomainError('CONFLICT', 'La entidad está desactivada: reactívela antes de designar o invitar a sus responsables.', [
    { campo: 'entidad', mensaje: 'la entidad está desactivada; reactívela primero' },
  ]);

/**
 * Invites the titular or the alterno the oficio in force designates, with the staff invitation flow
 * (an inactive account and a single-use e-mailed link; @app/staff's InviteStaffUseCase, which lets a
 * coordinator invite these two roles into any entity). The name and e-mail are the oficio's, not typed
 * again. The account row records who invited and when (`usuario.invitado_por`, `created_at`).
 */
@Injectable()
export class InvitarResponsableUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inviteStaff: InviteStaffUseCase,
  ) {}

  async execute(command: { actor: StaffUser; codigo: string; cargo: Cargo }): Promise<MiembroPersonal> {
    assertGestionaRegistro(command.actor);
    const entidad = await entidadPorCodigo(this.dataSource, command.codigo);
    if (!entidad.activo) throw inactiva();
    const [vigente] = await designacionesDe(this.dataSource, entidad.id);
    if (!vigente) {
      throw new DomainError('CONFLICT', 'Registre primero el oficio de designación.', [
        { campo: 'cargo', mensaje: 'la entidad aún no tiene un oficio de designación registrado; regístrelo primero' },
      ]);
    }
    const persona = command.cargo === 'titular' ? vigente.titular : vigente.alterno;
    if (!persona) throw new ValidationFailedError([{ campo: 'cargo', mensaje: 'el oficio vigente no designa un responsable alterno' }]);
    return this.inviteStaff.execute({ actor: command.actor, email: persona.email, nombre: persona.nombre, rol: ROL_DE_CARGO[command.cargo], entidadId: entidad.id });
  }
}
