import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';
import { redactSerializedRequest } from './redact-request';

/** Structured JSON logs (pino) with a request id; personal data and secrets are redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req) => req.url === '/health' },
          // Reset and invitation links carry single-use tokens in the query: never in a log.
          serializers: { req: redactSerializedRequest },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
