import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ASPECTO_LABELS, Aspecto, Canal, DomainError } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { EnlacesCiudadano } from '@app/platform/links';
import { maskDocumentNumber, maskEmail, ReceiptView } from '@app/receipt';
import { ReceiptTokens } from './receipt-token';

const RESUMEN_MAX = 300;

/** The data of a constancia de registro, for the receipt page and its PDF. */
@Injectable()
export class GetConstanciaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: ReceiptTokens,
    private readonly enlaces: EnlacesCiudadano,
  ) {}

  async execute(query: { codigo: string; token?: string }): Promise<ReceiptView> {
    const codigo = query.codigo.toUpperCase();
    // The same answer for a wrong token and an unknown code.
    const notFound = new DomainError('RECLAMO_NOT_FOUND', 'No encontramos esa constancia. Use el enlace que recibió al registrar su reclamo.');
    if (!this.tokens.isValid(codigo, query.token)) throw notFound;

    const [row]: Array<{
      id: string;
      codigo: string;
      registrado_en: Date;
      fecha_registro_lima: string;
      vence_el: string;
      plazo_dias_habiles: number;
      aspecto: Aspecto;
      descripcion: string;
      pedido: string;
      canal: Canal;
      numero_hoja_fisica: string | null;
      notificacion_email: boolean;
      entidad_codigo: string;
      entidad_nombre: string;
      sede: string | null;
      unidad: string | null;
      servicio: string | null;
      tipo_documento: DocumentType;
      numero_documento: string;
      nombres: string | null;
      apellidos: string | null;
      razon_social: string | null;
      email: string | null;
      fecha_hechos: string | null;
    }> = await this.dataSource.query(
      `SELECT r.id, r.codigo, r.registrado_en, r.fecha_registro_lima::text, r.vence_el::text, r.plazo_dias_habiles,
              r.aspecto, r.descripcion, r.pedido, r.canal, r.numero_hoja_fisica, r.notificacion_email,
              e.codigo AS entidad_codigo, e.nombre AS entidad_nombre,
              s.nombre AS sede, u.nombre AS unidad, sv.nombre AS servicio,
              p.tipo_documento, p.numero_documento, p.nombres, p.apellidos, p.razon_social, p.email,
              r.fecha_hechos::text AS fecha_hechos
         FROM reclamo r
         JOIN entidad e ON e.id = r.entidad_id
         JOIN reclamo_persona p ON p.reclamo_id = r.id AND p.rol = 'reclamante'
         LEFT JOIN sede s ON s.id = r.sede_id
         LEFT JOIN unidad_organica u ON u.id = r.unidad_id
         LEFT JOIN servicio sv ON sv.id = r.servicio_id
        WHERE r.codigo = $1`,
      [codigo],
    );
    if (!row) throw notFound;
    const adjuntos: Array<{ nombre: string; bytes: number; sha256: string }> = await this.dataSource.query(
      `SELECT nombre_original AS nombre, bytes, sha256 FROM adjunto WHERE reclamo_id = $1 ORDER BY created_at, id`,
      [row.id],
    );
    const nombre = [row.nombres, row.apellidos].filter(Boolean).join(' ');
    return {
      codigo: row.codigo,
      entidadNombre: row.entidad_nombre,
      entidadCodigo: row.entidad_codigo,
      registradoEn: new Date(row.registrado_en),
      fechaLima: row.fecha_registro_lima,
      vence: row.vence_el,
      plazoDiasHabiles: row.plazo_dias_habiles,
      fechaHechos: row.fecha_hechos,
      aspecto: ASPECTO_LABELS[row.aspecto],
      sede: row.sede ?? undefined,
      unidad: row.unidad ?? undefined,
      servicio: row.servicio ?? undefined,
      resumen: row.descripcion.length > RESUMEN_MAX ? `${row.descripcion.slice(0, RESUMEN_MAX - 1)}…` : row.descripcion,
      pedido: row.pedido || undefined,
      canal: row.canal,
      numeroHoja: row.numero_hoja_fisica ?? undefined,
      ciudadano: {
        nombreCompleto: row.razon_social ? `${nombre} (${row.razon_social})` : nombre,
        tipoDocumento: DOCUMENT_TYPE_LABELS[row.tipo_documento],
        numeroDocumentoEnmascarado: maskDocumentNumber(row.numero_documento),
      },
      notificacionPorCorreo: row.notificacion_email,
      correoEnmascarado: row.email ? maskEmail(row.email) : undefined,
      adjuntos: adjuntos.map((a) => ({ ...a, bytes: Number(a.bytes) })),
      seguimientoUrl: this.enlaces.seguimiento(row.codigo),
    };
  }
}
