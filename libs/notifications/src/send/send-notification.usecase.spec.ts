import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@app/platform/config';
import { OutgoingMessage } from '../driver/notification-driver';
import { RegistroDeCargadores } from '../mensajes/registro-de-cargadores';
import { OutboxRepository, OutboxRow } from '../outbox/outbox.repository';
import { MessageComposer } from './message-composer';
import { SendNotificationUseCase } from './send-notification.usecase';
import { SentRecorder } from './sent-recorder';

const SETTINGS: Partial<Environment> = {
  NOTIFICATIONS_CLAIM_TTL_MS: 1_000,
  SMTP_TIMEOUT_MS: 400,
  NOTIFICATIONS_ATTEMPTS: 3,
  MESSAGE_ID_DOMAIN: 'ejemplo.gob.pe',
  SMTP_POOL_SIZE: 2,
};

const ROW: OutboxRow = { id: '5d3f0a52-2b1e-4c7e-9a51-0f1f2e3d4c5b', entidadId: null, reclamoId: null, tipo: 'plazo_por_vencer', destinatario: 'a@b.pe', datos: {}, intentos: 1 };

function build() {
  const sent: OutgoingMessage[] = [];
  const released: string[] = [];
  const recorded: string[] = [];
  const outbox = { release: (id: string) => Promise.resolve(void released.push(id)) } as unknown as OutboxRepository;
  const composer = { compose: () => Promise.resolve({ to: ROW.destinatario, subject: 's', html: 'h', text: 't' }) } as unknown as MessageComposer;
  const driver = {
    send: (message: OutgoingMessage) => {
      sent.push(message);
      return Promise.resolve({ messageId: message.messageId, response: '250 OK' });
    },
  };
  const cargadores = { tieneEfectos: () => ({ alEnviarse: false, alFallar: false }) } as unknown as RegistroDeCargadores;
  const recorder = { record: (id: string) => Promise.resolve(void recorded.push(id)) } as unknown as SentRecorder;
  const config = { get: (key: keyof Environment) => SETTINGS[key] } as unknown as ConfigService<Environment, true>;
  return { useCase: new SendNotificationUseCase(outbox, composer, driver, cargadores, recorder, config), sent, released, recorded };
}

describe('SendNotificationUseCase.attempt', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('sends a freshly claimed row with its fixed Message-ID and records the acceptance', async () => {
    const { useCase, sent, recorded } = build();
    await expect(useCase.attempt(ROW, Date.now(), false)).resolves.toEqual({ estado: 'enviado', messageId: `<outbox-${ROW.id}@ejemplo.gob.pe>` });
    expect(sent.map((m) => m.messageId)).toEqual([`<outbox-${ROW.id}@ejemplo.gob.pe>`]);
    expect(recorded).toEqual([ROW.id]);
  });

  it('releases untried a row whose claim would expire before an SMTP exchange could time out', async () => {
    const { useCase, sent, released, recorded } = build();
    // Claimed 700 ms ago: 300 ms left of a 1 000 ms claim, less than the 400 ms an exchange may take.
    await expect(useCase.attempt(ROW, Date.now() - 700, false)).resolves.toEqual({ estado: 'liberado' });
    expect(sent).toEqual([]);
    expect(released).toEqual([ROW.id]);
    expect(recorded).toEqual([]);
  });
});
