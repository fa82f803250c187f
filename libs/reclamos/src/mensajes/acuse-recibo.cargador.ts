import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { renderReceiptPdf } from '@app/receipt';
import { GetConstanciaUseCase } from '../receipt/get-constancia.usecase';
import { ReceiptTokens } from '../receipt/receipt-token';

/**
 * The acknowledgement of a filing (D.S. 007-2020-PCM: the code at once): the same data and PDF
 * constancia the citizen gets from the receipt page, with the token the filer got.
 */
@Injectable()
@CargadorDeMensajes(['acuse_recibo'])
export class AcuseReciboCargador implements CargadorMensaje<'acuse_recibo'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly constancia: GetConstanciaUseCase,
    private readonly tokens: ReceiptTokens,
  ) {}

  async cargar(mensaje: MensajeGuardado<'acuse_recibo'>): Promise<MensajeCargado<'acuse_recibo'>> {
    const [reclamo]: Array<{ codigo: string }> = await this.dataSource.query(`SELECT codigo FROM reclamo WHERE id = $1`, [mensaje.datos.reclamoId]);
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${mensaje.datos.reclamoId}`);
    const view = await this.constancia.execute({ codigo: reclamo.codigo, token: this.tokens.tokenFor(reclamo.codigo) });
    const pdf = await renderReceiptPdf(view);
    return {
      contenido: {
        entidadNombre: view.entidadNombre,
        codigo: view.codigo,
        resumen: view.resumen,
        vence: view.vence,
        plazoDiasHabiles: view.plazoDiasHabiles,
        seguimientoUrl: view.seguimientoUrl,
      },
      adjuntos: [{ filename: `constancia-${view.codigo}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }
}
