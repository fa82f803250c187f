export type { ReceiptAdjunto, ReceiptCanal, ReceiptCiudadano, ReceiptView } from './receipt-view';
export { renderReceiptPdf, type RenderReceiptOptions } from './render-receipt-pdf';
export { maskDocumentNumber, maskEmail } from './mask-document';
export { formatCalendarDate, formatBytes } from './receipt-format';
export type { RespuestaView } from './respuesta-view';
export { renderRespuestaPdf, type RenderRespuestaOptions } from './render-respuesta-pdf';
