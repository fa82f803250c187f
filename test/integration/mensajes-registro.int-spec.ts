import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Module, Scope } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AtencionModule, RequestSubsanacionUseCase, RunSubsanacionSweepUseCase, UpdateAjustesUseCase } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import {
  CargadorDeMensajes,
  CargadorMensaje,
  MensajeCargado,
  MensajeriaModule,
  NotificationDriver,
  SendNotificationUseCase,
  SmtpDriver,
} from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule, Environment } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { QueueName, QueueRootModule } from '@app/platform/queue';
import { PlazosMensajesModule } from '@app/plazos';
import { ReclamosMensajesModule } from '@app/reclamos';
import { StaffMensajesModule } from '@app/staff';
import { MESSAGE_LOADER_MODULES } from '../../apps/worker/src/worker.module';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { bodyOf, SmtpMailbox, subjectOf } from '../support/smtp-mailbox';

/** An hour of a date in Lima (UTC-5, no daylight saving). */
const lima = (date: string, hour = 10) => new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 5) * 3_600_000);

const BASE = [AppConfigModule, ClockModule, PersistenceModule, QueueRootModule, MensajeriaModule];

/** A second loader of a type that already has one: start-up must refuse it. */
@Injectable()
@CargadorDeMensajes(['acuse_recibo'])
class OtroAcuseCargador implements CargadorMensaje<'acuse_recibo'> {
  cargar(): Promise<MensajeCargado<'acuse_recibo'>> {
    throw new Error('no se usa');
  }
}
@Module({ providers: [OtroAcuseCargador] })
class OtroAcuseModule {}

/** A loader Nest would build per request: the worker has no request, so start-up must refuse it. */
@Injectable({ scope: Scope.REQUEST })
@CargadorDeMensajes(['acuse_recibo'])
class AcusePorPeticionCargador implements CargadorMensaje<'acuse_recibo'> {
  cargar(): Promise<MensajeCargado<'acuse_recibo'>> {
    throw new Error('no se usa');
  }
}
@Module({ providers: [AcusePorPeticionCargador] })
class AcusePorPeticionModule {}

/** The message a start-up fails with ('' if it started). */
async function startFailure(context: TestingModule): Promise<string> {
  try {
    await context.init();
    await context.close();
    return '';
  } catch (error) {
    // Nest does not run shutdown hooks for a context that failed to start: close its pool and queue here.
    const dataSource = context.get(DataSource);
    if (dataSource.isInitialized) await dataSource.destroy();
    await context.get<Queue>(getQueueToken(QueueName.NOTIFICATIONS)).close();
    return error instanceof Error ? error.message : String(error);
  }
}

describe('message registry: every type has exactly one loader, or the worker does not start', () => {
  it('starts with the loaders the worker imports', async () => {
    const context = await Test.createTestingModule({ imports: [...BASE, ...MESSAGE_LOADER_MODULES] }).compile();
    await expect(context.init()).resolves.toBe(context);
    await context.close();
  });

  it('refuses to start, naming each type, when a lib forgot its loaders', async () => {
    // Atención's loaders missing: its five message types have none.
    const context = await Test.createTestingModule({
      imports: [...BASE, ReclamosMensajesModule, PlazosMensajesModule, StaffMensajesModule],
    }).compile();
    const failure = await startFailure(context);
    expect(failure).toMatch(/"subsanacion_vencida" no tiene cargador/);
    expect(failure).toMatch(/"solicitud_subsanacion" no tiene cargador.*"reconduccion".*"traslado".*"respuesta"/);
  });

  it('refuses to start when a loader is not a singleton', async () => {
    const context = await Test.createTestingModule({
      imports: [...BASE, ...MESSAGE_LOADER_MODULES.filter((m) => m !== ReclamosMensajesModule), AcusePorPeticionModule],
    }).compile();
    expect(await startFailure(context)).toMatch(/AcusePorPeticionCargador es un cargador de mensajes que no es singleton/);
  });

  it('refuses to start when a type has two loaders', async () => {
    const context = await Test.createTestingModule({ imports: [...BASE, ...MESSAGE_LOADER_MODULES, OtroAcuseModule] }).compile();
    expect(await startFailure(context)).toMatch(/"acuse_recibo" tiene 2 cargadores \(AcuseReciboCargador, OtroAcuseCargador\)/);
  });
});

describe('subsanacion_vencida: the responsables get it through a real SMTP server', () => {
  const mailbox = new SmtpMailbox();
  let dataSource: DataSource;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let get: <T>(type: new (...args: never[]) => T) => T;

  beforeAll(async () => {
    await mailbox.start(0);
    clock = new FixedClock(lima('2026-12-01'));
    const moduleRef = await Test.createTestingModule({ imports: [...BASE, AtencionModule, ...MESSAGE_LOADER_MODULES] })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(NotificationDriver)
      .useFactory({
        inject: [ConfigService],
        // The real driver, pointed at this test's own SMTP server.
        factory: (config: ConfigService<Environment, true>) =>
          new SmtpDriver({ get: (key: keyof Environment) => (key === 'SMTP_PORT' ? mailbox.port : config.get(key, { infer: true })) } as ConfigService<Environment, true>),
      })
      .compile();
    const context = await moduleRef.init();
    dataSource = context.get(DataSource);
    get = (type) => context.get(type);
    close = async () => {
      await context.close();
      await mailbox.stop();
    };
  });
  afterAll(() => close());

  it('flags the case once per responsable and sends each an e-mail naming the case, the day the window ended and its back-office page', async () => {
    const entidad = await createTestEntidad(dataSource, uniqueCode('MSV'));
    const titular = await insertStaff(dataSource, 'responsable_titular', entidad.id);
    const alterno = await insertStaff(dataSource, 'responsable_alterno', entidad.id);
    await get(UpdateAjustesUseCase).execute({ actor: titular, subsanacionVencida: 'marcar' });
    const reclamo = await insertReclamo(dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: titular.id, email: null, fechaRegistro: '2026-11-25' });
    const pedido = await get(RequestSubsanacionUseCase).execute({
      actor: titular,
      entidadId: entidad.id,
      reclamoId: reclamo.id,
      motivo: 'Indique la sede y la fecha de la atención.',
    });

    clock.set(lima('2026-12-09'));
    await expect(get(RunSubsanacionSweepUseCase).execute({ entidadIds: [entidad.id] })).resolves.toMatchObject({ marcados: 1, notificaciones: 2 });
    const rows: Array<{ id: string; destinatario: string }> = await dataSource.query(
      `SELECT id, destinatario FROM outbox WHERE reclamo_id = $1 AND tipo = 'subsanacion_vencida' ORDER BY destinatario`,
      [reclamo.id],
    );
    expect(rows.map((r) => r.destinatario).sort()).toEqual([titular.email, alterno.email].sort());

    for (const row of rows) {
      await expect(get(SendNotificationUseCase).execute({ outboxId: row.id, lastAttempt: true })).resolves.toMatchObject({ estado: 'enviado' });
    }
    const [sent]: Array<{ enviados: number }> = await dataSource.query(
      `SELECT count(*)::int AS enviados FROM outbox WHERE reclamo_id = $1 AND tipo = 'subsanacion_vencida' AND estado = 'enviado'`,
      [reclamo.id],
    );
    expect(sent.enviados).toBe(2);

    const mails = mailbox.received.filter((m) => m.to.some((to) => to === titular.email || to === alterno.email));
    expect(mails).toHaveLength(2);
    const backofficeBaseUrl = get(ConfigService).get<string>('BACKOFFICE_BASE_URL');
    for (const mail of mails) {
      expect(subjectOf(mail)).toMatch(new RegExp(`^Reclamo ${reclamo.codigo}: venció el plazo de subsanación el [a-zé]+, \\d{1,2} de [a-z]+ de 2026$`));
      const text = bodyOf(mail);
      expect(text).toContain(reclamo.codigo);
      expect(text).toContain(`${backofficeBaseUrl}/casos/${reclamo.id}`);
      expect(pedido.subsanacionVence).toMatch(/^2026-12-0\d$/);
    }
  });
});
