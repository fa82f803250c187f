import { FastifyRequest } from 'fastify';
import { StaffSession } from '@app/staff';
import { AttachmentStorage, ReceivedAttachment } from '@app/storage';
import { SessionGuard } from '../auth/session';
import { readStaffUpload } from './staff-upload';

const CAMPO = 'evidencias';
const MAX_ARCHIVOS = 10;

export interface EvidenceUpload {
  fields: Record<string, string>;
  /** Checked by content and stored under the 20 MB budget; the caller removes them if the action fails. */
  evidencias: ReceivedAttachment[];
}

/** A progress update's form: its fields and up to ten evidence files (field `evidencias`); see readStaffUpload. */
export async function readEvidenceUpload(
  request: FastifyRequest,
  storage: AttachmentStorage,
  csrf: { guard: SessionGuard; session: StaffSession },
): Promise<EvidenceUpload> {
  const { fields, archivos } = await readStaffUpload(request, storage, csrf, {
    campo: CAMPO,
    maxArchivos: MAX_ARCHIVOS,
    demasiadosArchivos: `adjunte como máximo ${MAX_ARCHIVOS} archivos`,
    demasiadoGrande: { message: 'Las evidencias superan el máximo de 20 MB en total.', mensaje: 'las evidencias superan el máximo de 20 MB en total' },
  });
  return { fields, evidencias: archivos };
}
