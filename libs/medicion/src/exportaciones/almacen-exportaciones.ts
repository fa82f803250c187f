import { AttachmentStorage } from '@app/storage';

/**
 * Where export files live: the storage lib's three verbs (`save` streaming, `open`, `remove`), bound by
 * ExportacionesModule to a directory of their own, `STORAGE_DIR/exportaciones`. Apart from the cases'
 * attachments (kept for custody) because these are temporary: the sweep removes them after
 * VIGENCIA_EXPORTACION_DIAS, and an operator may put a lifecycle rule on that folder or bucket.
 */
export abstract class AlmacenExportaciones extends AttachmentStorage {}

/** A file larger than this is refused (the attempt fails): a 5-year detail of the busiest entity is far below it. */
export const MAX_BYTES_EXPORTACION = 1024 * 1024 * 1024;
