import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { INestApplication, Logger as NestLogger, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import handlebars from 'handlebars';
import { Logger } from 'nestjs-pino';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { loadEnvironment } from '../config/environment';
import { MAX_BODY_BYTES } from '../errors/fastify-errors';
import { answerError, HttpErrorFilter } from '../errors/http-error.filter';
import { registrarRevisionDeEntrada } from './entrada.hook';
import { MAX_ATTACHMENT_FILES, MAX_TOTAL_ATTACHMENT_BYTES } from '@app/storage';
import { createValidationPipe } from '../errors/validation-pipe';
import { registerViewHelpers } from './view-helpers';


export interface HttpAppOptions {
  /** `citizen` or `backoffice`: names the folders of views and public files under apps/<name>/. */
  name: 'citizen' | 'backoffice';
  title: string;
  description: string;
  /** The app's own Fastify hooks (the citizen app's language choice), added once views and cookies are in place. */
  hooks?: (fastify: FastifyInstance) => void;
}

/** Where an app's templates and static files live; resolved from the repository root in dev, tests and Docker alike. */
export function appAssetsDir(name: HttpAppOptions['name'], kind: 'views' | 'public'): string {
  return join(process.cwd(), 'apps', name, kind);
}

/** @fastify/view takes partials as paths relative to the views folder, keyed by name. */
function loadPartials(viewsDir: string): Record<string, string> {
  const dir = join(viewsDir, 'partials');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.hbs'))
      .map((file) => [file.replace(/\.hbs$/, ''), `partials/${file}`]),
  );
}

/**
 * Builds a Fastify-based Nest app the same way for both HTTP apps: security headers,
 * multipart (Nest's adapter parses urlencoded forms itself), cookies, server-rendered views, static files, the strict
 * validation pipe, the error filter, OpenAPI at /api/docs and graceful shutdown.
 * The caller decides when to listen (tests listen on port 0).
 */
export async function createHttpApp(module: Type<unknown>, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(), { bufferLogs: true });
  await configureHttpApp(app, options);
  return app;
}

/**
 * `trustedProxies`: the IPs/CIDRs of TRUSTED_PROXIES (read here because the adapter exists before
 * Nest's ConfigService). Only a request arriving from one of them has its X-Forwarded-For read, and
 * then `request.ip` is the nearest address that is not a trusted proxy (@fastify/proxy-addr), i.e.
 * the client as our own proxies saw it. With none (the default) the header is ignored: the client
 * cannot choose its address, so per-IP limits hold and sessions and the audit trail keep the socket's.
 */
export function createFastifyAdapter(trustedProxies: readonly string[] = loadEnvironment().TRUSTED_PROXIES): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
    bodyLimit: MAX_BODY_BYTES,
    // A bad %-escape in the address is refused by Fastify's router before any hook or handler:
    // without this it answers its own English JSON.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => answerError(error, request, reply, fastifyErrorLogger),
  });
}

/**
 * The client's address as stored (sessions, audit trail) and counted (rate limits): `request.ip`
 * when it is an IP address, else the socket's peer. A trusted proxy that passes a client's header on
 * unchecked could otherwise hand us any string (`<script>…`) as the "address".
 */
export function clientIp(request: Pick<FastifyRequest, 'ip' | 'socket'>): string {
  if (isIP(request.ip) !== 0) return request.ip;
  return request.socket?.remoteAddress ?? 'desconocida';
}

const fastifyErrorLogger = new NestLogger('HttpErrorFilter');

/** Everything but creation, so tests can build the app from a TestingModule with providers overridden. */
export async function configureHttpApp(app: NestFastifyApplication, options: HttpAppOptions): Promise<void> {
  app.useLogger(app.get(Logger));
  await app.register(fastifyCompress, { encodings: ['br', 'gzip', 'deflate'] });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Swagger UI injects inline styles; pages themselves use /static/app.css only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // Signed cookies carry the back-office session; the secret is validated at start-up.
  await app.register(fastifyCookie, { secret: app.get(ConfigService).get<string>('SESSION_SECRET') });
  await app.register(fastifyMultipart, {
    // The attachments' limits are @app/storage's (20 MB in total per reclamo, domain README).
    limits: { fileSize: MAX_TOTAL_ATTACHMENT_BYTES, files: MAX_ATTACHMENT_FILES, fields: 80, fieldSize: 20_000, parts: 100 },
  });
  // The app's own files first, then the stylesheet both apps share.
  await app.register(fastifyStatic, {
    root: [appAssetsDir(options.name, 'public'), join(process.cwd(), 'libs', 'platform', 'public')],
    prefix: '/static/',
  });

  const viewsDir = appAssetsDir(options.name, 'views');
  registerViewHelpers(handlebars);
  await app.register(fastifyView, {
    engine: { handlebars },
    root: viewsDir,
    layout: 'layout',
    viewExt: 'hbs',
    options: { partials: loadPartials(viewsDir) },
  });

  // Errors raised before a handler (body parsing, this hook) reach the global filter through the
  // error handler Nest sets on Fastify at start-up.
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  registrarRevisionDeEntrada(fastify);
  options.hooks?.(fastify);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app, options);
}

function setUpOpenApi(app: INestApplication, options: HttpAppOptions): void {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config));
}
