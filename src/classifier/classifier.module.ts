import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mention } from '../ingest/entities/mention.entity';
import { ClassifierController } from './classifier.controller';
import { ClassifierService } from './classifier.service';
import { ClassificationCorrection } from './corrections/classification-correction.entity';
import { CorrectionsService } from './corrections/corrections.service';

@Module({
  imports: [TypeOrmModule.forFeature([Mention, ClassificationCorrection])],
  providers: [ClassifierService, CorrectionsService],
  controllers: [ClassifierController],
  exports: [ClassifierService, CorrectionsService],
})
export class ClassifierModule {}
