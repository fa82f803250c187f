import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { GetConstanciaUseCase } from '@app/reclamos';
import { renderReceiptPdf } from '@app/receipt';
import { RutasCiudadano } from '@app/platform/links';

/** The receipt a citizen gets at once: the page, and the PDF constancia to keep. */
@ApiExcludeController()
@Controller('reclamos')
export class ConstanciaController {
  constructor(private readonly getConstancia: GetConstanciaUseCase) {}

  @Get(':codigo/constancia')
  async page(@Param('codigo') codigo: string, @Query('t') token: string | undefined, @Res() reply: FastifyReply) {
    const constancia = await this.getConstancia.execute({ codigo, token });
    const qr = await QRCode.toDataURL(constancia.seguimientoUrl, { margin: 1, width: 180 });
    return reply.header('cache-control', 'private, no-store').view('constancia', {
      titulo: `Reclamo registrado: ${constancia.codigo}`,
      c: constancia,
      qr,
      pdfUrl: RutasCiudadano.constanciaPdf(constancia.codigo, token ?? ''),
    });
  }

  @Get(':codigo/constancia.pdf')
  async pdf(@Param('codigo') codigo: string, @Query('t') token: string | undefined, @Res() reply: FastifyReply) {
    const constancia = await this.getConstancia.execute({ codigo, token });
    const pdf = await renderReceiptPdf(constancia);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="constancia-${constancia.codigo}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }
}
