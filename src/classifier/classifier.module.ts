import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassifierController } from './classifier.controller';
import { ClassifierService } from './classifier.service';
import { ClassificationCorrection } from './corrections/classification-correction.entity';
import { CorrectionsService } from './corrections/corrections.service';
import { MissedComplaints } from './corrections/missed-complaints';
import { ClassifierRetrain } from './retrain/classifier-retrain.entity';
import { RetrainScheduler } from './retrain/retrain.scheduler';
import { RetrainService, retrainCorpusDirProvider } from './retrain/retrain.service';

@Module({
  imports: [TypeOrmModule.forFeature([ClassificationCorrection, ClassifierRetrain])],
  providers: [
    ClassifierService,
    CorrectionsService,
    MissedComplaints,
    RetrainService,
    RetrainScheduler,
    retrainCorpusDirProvider,
  ],
  controllers: [ClassifierController],
  exports: [ClassifierService, CorrectionsService, MissedComplaints, RetrainService],
})
export class ClassifierModule {}
