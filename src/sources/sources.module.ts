import { Module } from '@nestjs/common';
import { SourceFactory } from './source.factory';

@Module({ providers: [SourceFactory], exports: [SourceFactory] })
export class SourcesModule {}
