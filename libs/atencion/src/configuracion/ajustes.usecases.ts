import { Injectable } from '@nestjs/common';
import { FieldError, problemaDeRetencion } from '@app/domain';
import { ConfiguracionCommand, ConfiguracionTransaction, throwIfInvalid } from './configuracion-transaction';
import { umbralesProblem } from './umbrales';

/** What the deadline sweep does with an observed reclamo whose citizen did not reply within the 2 business days. */
export const SUBSANACION_VENCIDA = ['archivar', 'marcar'] as const;
export type SubsanacionVencida = (typeof SUBSANACION_VENCIDA)[number];

export interface AjustesEntidad {
  /** A response needs the responsable's approval before it is notified. */
  aprobacionRequerida: boolean;
  /** Business days left at which reminders go out, from most to fewest. */
  umbralesAlerta: number[];
  subsanacionVencida: SubsanacionVencida;
  /**
   * The 30 días hábiles stop while the citizen answers a request for missing information (domain README:
   * not settled, so configurable; default no pause). Applies to requests made from then on.
   */
  subsanacionPausaPlazo: boolean;
  /**
   * The case page offers «Aprobar y notificar»: approve, mark respondido and send the e-mail in one
   * request (each step still audited). Off: the steps stay separate (e.g. approval and notification by
   * different people). Default on.
   */
  aprobarYNotificar: boolean;
  /**
   * Calendar months the personal data of a closed reclamo is kept, counted from its close; then the daily
   * purge removes it (Ley 29733). Never below `RETENCION_MINIMA_MESES` (24, see @app/domain for the norm).
   */
  retencionMeses: number;
}

const SELECT_AJUSTES = `SELECT aprobacion_requerida AS "aprobacionRequerida", umbrales_alerta AS "umbralesAlerta",
  subsanacion_vencida AS "subsanacionVencida", subsanacion_pausa_plazo AS "subsanacionPausaPlazo",
  aprobar_y_notificar AS "aprobarYNotificar", retencion_meses AS "retencionMeses" FROM entidad WHERE id = $1`;

@Injectable()
export class GetAjustesUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(query: ConfiguracionCommand): Promise<AjustesEntidad> {
    return this.tx.run(query, 'leer', async ({ manager, entidadId }) => {
      const [row]: AjustesEntidad[] = await manager.query(SELECT_AJUSTES, [entidadId]);
      return row;
    });
  }
}

export interface UpdateAjustesCommand extends ConfiguracionCommand {
  aprobacionRequerida?: boolean;
  umbralesAlerta?: unknown;
  subsanacionVencida?: string;
  subsanacionPausaPlazo?: boolean;
  aprobarYNotificar?: boolean;
  retencionMeses?: unknown;
}

/**
 * Approval on/off, approve-and-notify in one step, reminder thresholds, the end of the subsanación window and the clock during it, the retention
 * period of closed cases' personal data: one audit entry with before and after.
 */
@Injectable()
export class UpdateAjustesUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: UpdateAjustesCommand): Promise<AjustesEntidad> {
    const errors: FieldError[] = [];
    const set: Record<string, unknown> = {};
    if (command.aprobacionRequerida !== undefined) {
      if (typeof command.aprobacionRequerida !== 'boolean') errors.push({ campo: 'aprobacionRequerida', mensaje: 'indique true o false' });
      set.aprobacion_requerida = command.aprobacionRequerida;
    }
    if (command.umbralesAlerta !== undefined) {
      const problem = umbralesProblem('umbralesAlerta', command.umbralesAlerta);
      if (problem) errors.push(problem);
      set.umbrales_alerta = command.umbralesAlerta;
    }
    if (command.subsanacionVencida !== undefined) {
      if (!(SUBSANACION_VENCIDA as readonly string[]).includes(command.subsanacionVencida)) {
        errors.push({ campo: 'subsanacionVencida', mensaje: 'elija archivar o marcar' });
      }
      set.subsanacion_vencida = command.subsanacionVencida;
    }
    if (command.subsanacionPausaPlazo !== undefined) {
      if (typeof command.subsanacionPausaPlazo !== 'boolean') errors.push({ campo: 'subsanacionPausaPlazo', mensaje: 'indique true o false' });
      set.subsanacion_pausa_plazo = command.subsanacionPausaPlazo;
    }
    if (command.aprobarYNotificar !== undefined) {
      if (typeof command.aprobarYNotificar !== 'boolean') errors.push({ campo: 'aprobarYNotificar', mensaje: 'indique true o false' });
      set.aprobar_y_notificar = command.aprobarYNotificar;
    }
    if (command.retencionMeses !== undefined) {
      const problema = problemaDeRetencion('retencionMeses', command.retencionMeses);
      if (problema) errors.push(problema);
      set.retencion_meses = command.retencionMeses;
    }
    if (Object.keys(set).length === 0 && errors.length === 0) errors.push({ campo: 'aprobacionRequerida', mensaje: 'indique qué ajuste desea cambiar' });
    throwIfInvalid(errors);
    return this.tx.run(command, 'configurar', async ({ manager, entidadId, audit }) => {
      const [antes]: AjustesEntidad[] = await manager.query(SELECT_AJUSTES, [entidadId]);
      // Column names come from the code above, never from input.
      const columns = Object.keys(set);
      await manager.query(`UPDATE entidad SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
        entidadId,
        ...columns.map((c) => set[c]),
      ]);
      const [despues]: AjustesEntidad[] = await manager.query(SELECT_AJUSTES, [entidadId]);
      await audit('ajustes_modificados', { antes, despues });
      return despues;
    });
  }
}
