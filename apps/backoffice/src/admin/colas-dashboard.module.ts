import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import { Environment } from '@app/platform/config';
import { describeError } from '@app/platform/errors';
import { QueueName } from '@app/platform/queue';
import { StaffModule, ValidateSessionUseCase } from '@app/staff';
import { assertCsrf, sessionTokenOf } from '../auth/session';

export const COLAS_PREFIX = '/admin/colas';

/**
 * The queue dashboard (bull-board) for platform administrators, at /admin/colas. bull-board's
 * Fastify plugin adds plain Fastify routes, which Nest's guards and filters never see, so this
 * prefix gets its own `onRequest` hook with the SessionGuard's checks: the same session look-up
 * (ValidateSessionUseCase), the same anti-CSRF check on state-changing methods, then the role.
 * No session: the sign-in page for a browser, 401 otherwise. Not an administrator: 404, so the
 * dashboard's existence is not confirmed. Read-only: retrying or removing jobs behind the
 * database's back would break "the database is the truth" (resend failed messages from the
 * failed list instead).
 *
 * Registered in an encapsulated context: bull-board brings its own @fastify/view (ejs) and
 * @fastify/static, which there shadow, and do not replace, the app's handlebars views.
 */
@Injectable()
export class ColasDashboard implements OnModuleInit {
  private readonly secret: string;
  /** The app's own handlebars views (bull-board's ejs shadows `reply.view` inside the prefix). */
  private renderPage: ((page: string, data: object) => Promise<string>) | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly validateSession: ValidateSessionUseCase,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly notifications: Queue,
    @InjectQueue(QueueName.DEADLINES) private readonly deadlines: Queue,
    config: ConfigService<Environment, true>,
  ) {
    this.secret = config.get('SESSION_SECRET', { infer: true });
  }

  onModuleInit(): void {
    // Only in the HTTP app (an application context has no adapter); before `listen`, while Fastify still takes plugins.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    this.renderPage = (page, data) => fastify.view(page, data);
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(COLAS_PREFIX);
    createBullBoard({
      queues: [this.notifications, this.deadlines].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      // @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api (9.10.1, beside our 9.10.2): the
      // types differ by a private field only, and the adapter uses none of that copy at run time.
      serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Colas', locale: { lng: 'es' } } },
    });
    // Queued, not awaited: awaiting loads the plugin queue at once, and the routes Nest has already
    // declared then keep Fastify's default error handler (English JSON for a bad body) instead of the
    // one Nest sets after onModuleInit. Fastify loads it with the rest before listening.
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: COLAS_PREFIX },
    );
  }

  /** Resolves to let the request through; otherwise answers it (and bull-board's handler never runs). */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(request);
    const session = token ? await this.validateSession.execute(token) : null;
    if (!session) {
      if (wantsHtml(request)) return void (await reply.redirect('/ingresar', 303));
      return this.refuse(request, reply, new DomainError('UNAUTHENTICATED', 'Inicie sesión para continuar.'));
    }
    if (session.user.rol !== 'administrador') return this.refuse(request, reply, { statusCode: 404 });
    try {
      assertCsrf(request, this.secret, session);
    } catch (error) {
      return this.refuse(request, reply, error);
    }
  }

  /**
   * The back-office's own error page or JSON. Inside the prefix `reply.view` is bull-board's ejs,
   * which has no `error` template: it answered a non-administrator with its file-system error (path
   * and errno), so the page is rendered with the app's views instead.
   */
  private async refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<void> {
    const { body } = describeError(error);
    void reply.status(body.statusCode).header('cache-control', 'private, no-store');
    if (wantsHtml(request) && this.renderPage) {
      const titulo = body.statusCode === 404 ? 'No encontramos lo que busca' : 'No se pudo completar';
      const html = await this.renderPage('error', { titulo, error: body });
      await reply.header('content-type', 'text/html; charset=utf-8').send(html);
    } else {
      await reply.header('content-type', 'application/json; charset=utf-8').send(body);
    }
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** The dashboard; needs QueueRootModule, PersistenceModule and ClockModule in the app. */
@Module({
  imports: [StaffModule, BullModule.registerQueue({ name: QueueName.NOTIFICATIONS }, { name: QueueName.DEADLINES })],
  providers: [ColasDashboard],
})
export class ColasDashboardModule {}
