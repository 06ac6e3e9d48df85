import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { dataSourceOptions } from './data-source.options';
import { Instance } from './instance';
import { TickClaims } from './tick-claims';
import { WriteQueue } from './write-queue';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DEFUSE_CONFIG],
      useFactory: (config: DefuseConfig) => dataSourceOptions(config.database),
    }),
  ],
  providers: [WriteQueue, Instance, TickClaims],
  exports: [WriteQueue, Instance, TickClaims],
})
export class DatabaseModule {}
