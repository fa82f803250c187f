import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './environment';

/**
 * @nestjs/config with our own validation: consumers inject ConfigService<Environment, true>
 * and read typed values with `get(KEY, { infer: true })`.
 */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment })],
})
export class AppConfigModule {}
