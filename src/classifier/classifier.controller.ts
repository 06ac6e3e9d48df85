import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { RequireRole } from '../access/access.decorators';
import { ClassifierService, LoadedModel } from './classifier.service';
import { Classification } from './classifier.types';
import { CorrectionsService } from './corrections/corrections.service';
import { ClassifyBody } from './dto/classify.body';
import { LabelBody } from './dto/label.body';
import { RetrainReport, RetrainService } from './retrain/retrain.service';

@Controller('api')
export class ClassifierController {
  constructor(
    private readonly classifier: ClassifierService,
    private readonly corrections: CorrectionsService,
    private readonly retrains: RetrainService,
  ) {}

  /**
   * Retrains now with every correction, as the nightly schedule does: the new model serves only if it
   * is not worse on the validation splits. 409 while a retrain is running. Takes ~15 s.
   */
  @Post('classifier/retrain')
  @RequireRole('admin')
  @HttpCode(200)
  retrain(): Promise<RetrainReport> {
    return this.retrains.runNow();
  }

  /** The latest retrains and what came of each (swapped, kept, unchanged, failed), with the figures. */
  @Get('classifier/retrains')
  @RequireRole('admin')
  recentRetrains() {
    return this.retrains.recent();
  }

  @Post('classify')
  @RequireRole('viewer') // reads nothing and changes nothing: trying a sentence is for everyone
  @HttpCode(200)
  classify(@Body() body: ClassifyBody): Classification {
    return this.classifier.classifyText(body.text, body.language);
  }

  @Get('classifier')
  model(): LoadedModel {
    return this.classifier.model;
  }

  /** Loads the newest model from disk (after `defuse train --with-corrections`) without a restart. */
  @Post('classifier/reload')
  @RequireRole('admin')
  @HttpCode(200)
  reload(): LoadedModel {
    return this.classifier.reload();
  }

  @Post('mentions/:id/label')
  async label(@Param('id', ParseIntPipe) id: number, @Body() body: LabelBody) {
    const c = await this.corrections.record(id, body);
    return {
      id: c.id,
      mentionId: c.mentionId,
      angry: c.angry,
      category: c.category,
      previousAngry: c.previousAngry,
      previousCategory: c.previousCategory,
      modelVersion: c.modelVersion,
      createdAt: c.createdAt.toISOString(),
    };
  }
}
