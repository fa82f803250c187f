import { FastifyRequest } from 'fastify';
import { StaffSession } from '@app/staff';
import { AttachmentStorage, ReceivedAttachment } from '@app/storage';
import { SessionGuard } from '../auth/session';
import { readStaffUpload } from './staff-upload';

export interface ScanUpload {
  fields: Record<string, string>;
  /** The one file of field `campo`, checked by content and already stored; the caller removes it if the action fails. */
  escaneo?: ReceivedAttachment;
}

/** A form that carries one scanned paper (a physical sheet, a delivery's proof) in field `campo`: see readStaffUpload. */
export async function readScanUpload(
  request: FastifyRequest,
  storage: AttachmentStorage,
  csrf: { guard: SessionGuard; session: StaffSession },
  campo: string,
): Promise<ScanUpload> {
  const { fields, archivos } = await readStaffUpload(request, storage, csrf, {
    campo,
    maxArchivos: 1,
    demasiadosArchivos: 'adjunte un solo archivo',
    demasiadoGrande: { message: 'El archivo supera el máximo de 20 MB.', mensaje: 'el archivo supera el máximo de 20 MB' },
  });
  return { fields, escaneo: archivos[0] };
}
