import { ConfigService } from '@nestjs/config';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AtencionModule, NotifyRespuestaUseCase, ReclamoCommand } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { MensajeriaModule, NotificationDriver, SendNotificationResult, SendNotificationUseCase, SmtpDriver } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule, Environment } from '@app/platform/config';
import { Clock, ClockModule } from '@app/platform/clock';
import { QueueRootModule } from '@app/platform/queue';
import { MESSAGE_LOADER_MODULES } from '../../apps/worker/src/worker.module';
import { SmtpMailbox } from './smtp-mailbox';

/**
 * The worker's sending side in the test process: its loaders, the real SMTP driver and a real SMTP
 * server of the test's own (SmtpMailbox), plus atención's use cases. `enviar` does what a send job
 * does for each pending row of the given reclamos, so a test sees what the worker would record
 * (an answer notified when the server accepts it, or failed when it refuses it).
 */
export class Mensajeria {
  private constructor(
    readonly context: INestApplicationContext,
    readonly mailbox: SmtpMailbox,
  ) {}

  static async start(clock?: Clock): Promise<Mensajeria> {
    const mailbox = new SmtpMailbox();
    await mailbox.start(0);
    let builder = Test.createTestingModule({
      imports: [AppConfigModule, ClockModule, PersistenceModule, QueueRootModule, MensajeriaModule, AtencionModule, ...MESSAGE_LOADER_MODULES],
    })
      .overrideProvider(NotificationDriver)
      .useFactory({
        inject: [ConfigService],
        factory: (config: ConfigService<Environment, true>) =>
          new SmtpDriver({ get: (key: keyof Environment) => (key === 'SMTP_PORT' ? mailbox.port : config.get(key, { infer: true })) } as ConfigService<Environment, true>),
      });
    if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
    const context = await (await builder.compile()).init();
    return new Mensajeria(context, mailbox);
  }

  get dataSource(): DataSource {
    return this.context.get(DataSource);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.context.get(type);
  }

  /**
   * Sends each pending row of these reclamos once, as the queue's last attempt (a refusal or an
   * outage leaves it 'fallido'); `tipo` narrows to one message type. Returns each row's outcome.
   */
  async enviar(reclamoIds: readonly string[], tipo?: string): Promise<Array<{ outboxId: string; resultado: SendNotificationResult | { error: string } }>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbox WHERE reclamo_id = ANY ($1::uuid[]) AND estado = 'pendiente' AND ($2::text IS NULL OR tipo = $2) ORDER BY created_at, id`,
      [[...reclamoIds], tipo ?? null],
    );
    const sender = this.get(SendNotificationUseCase);
    const out: Array<{ outboxId: string; resultado: SendNotificationResult | { error: string } }> = [];
    for (const row of rows) {
      try {
        out.push({ outboxId: row.id, resultado: await sender.execute({ outboxId: row.id, lastAttempt: true }) });
      } catch (error) {
        out.push({ outboxId: row.id, resultado: { error: error instanceof Error ? error.message : String(error) } });
      }
    }
    return out;
  }

  /**
   * «Notificar» by e-mail, then the worker's send, accepted by this test's server: the reclamo as
   * the citizen then has it. Returns the notification date (Lima date of the acceptance).
   */
  async notificarPorCorreo(command: ReclamoCommand): Promise<string> {
    await this.get(NotifyRespuestaUseCase).execute(command);
    const [envio] = await this.enviar([command.reclamoId], 'respuesta');
    if (!envio || !('estado' in envio.resultado)) throw new Error(`La respuesta del reclamo ${command.reclamoId} no se envió: ${JSON.stringify(envio)}`);
    const [{ enviadoEn }]: Array<{ enviadoEn: Date }> = await this.dataSource.query(`SELECT enviado_en AS "enviadoEn" FROM outbox WHERE id = $1`, [envio.outboxId]);
    return limaDateOf(enviadoEn);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.mailbox.stop();
  }
}
