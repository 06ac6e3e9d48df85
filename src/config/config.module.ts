import { DynamicModule, Global, Module } from '@nestjs/common';
import { DefuseConfig } from './config.schema';

/** Injection token for the validated configuration. */
export const DEFUSE_CONFIG = Symbol('DEFUSE_CONFIG');

/** Makes the configuration, loaded and validated once before Nest starts, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: DefuseConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: DEFUSE_CONFIG, useValue: config }],
      exports: [DEFUSE_CONFIG],
    };
  }
}
