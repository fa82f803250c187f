import { Injectable } from '@nestjs/common';
import { ASPECTO_LABELS, Aspecto, ESTADO_LABELS } from '@app/domain';
import { ListBandejaCommand, ListBandejaUseCase } from './list-bandeja.usecase';

const HEADER = ['codigo', 'estado', 'canal', 'aspecto', 'sede', 'unidad', 'asignado_a', 'fecha_registro', 'vence', 'dias_habiles_restantes'];

/** RFC 4180 field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The filtered inbox as CSV for the entity's own follow-up. No citizen's personal data (no
 * names, no documents): the code identifies the reclamo for whoever may open it.
 */
@Injectable()
export class ExportBandejaCsvUseCase {
  constructor(private readonly listBandeja: ListBandejaUseCase) {}

  async execute(command: ListBandejaCommand): Promise<string> {
    const bandeja = await this.listBandeja.execute(command, { todo: true, accion: 'bandeja_exportada' });
    const lines = bandeja.items.map((i) =>
      [
        i.codigo,
        ESTADO_LABELS[i.estado],
        i.canal,
        ASPECTO_LABELS[i.aspecto as Aspecto] ?? i.aspecto,
        i.sede,
        i.unidad,
        i.asignadoA?.nombre ?? null,
        i.fechaRegistro,
        i.vence,
        i.diasHabilesRestantes,
      ]
        .map(csvField)
        .join(','),
    );
    // BOM: Excel in Spanish opens UTF-8 accents correctly only with it.
    return `\uFEFF${[HEADER.join(','), ...lines].join('\r\n')}\r\n`;
  }
}
