import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EnlacesModule } from '../links/enlaces';
import { validateEnvironment } from './environment';

/**
 * @nestjs/config with our own validation: consumers inject ConfigService<Environment, true>
 * and read typed values with `get(KEY, { infer: true })`. The link builders (global) come with it:
 * they are the configured base URLs and nothing else.
 */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment }), EnlacesModule],
})
export class AppConfigModule {}
