import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';
import { errorForLog, redactSerializedRequest, redactSerializedResponse } from './redact-request';

/**
 * Where log lines go: null (the default) is the process's stdout. A test overrides this provider
 * with an in-memory stream to read what a run logged.
 */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Structured JSON logs (pino) with a request id. No personal data and no secrets: the serializers
 * of redact-request.ts apply to every line (request URL and query by allow-list, headers, redirect
 * locations, errors without SQL parameters); request and response bodies are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useValue: null }],
      inject: [ConfigService, LOG_DESTINATION],
      useFactory: (config: ConfigService<Environment, true>, destination: NodeJS.WritableStream | null) => {
        const options = {
          level: config.get('LOG_LEVEL', { infer: true }),
          genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
            (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' },
          serializers: { req: redactSerializedRequest, res: redactSerializedResponse, err: errorForLog },
        };
        return { pinoHttp: destination ? [options, destination] : options };
      },
    }),
  ],
})
export class LoggingModule {}
