import { Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { Classification } from './classifier.types';
import { ComplaintClassifier } from './complaint-classifier';
import { activeModelPath } from './model-path';

export interface LoadedModel {
  version: string;
  path: string;
  loadedAt: string;
}

/**
 * Holds the model the app classifies with. Prefers the model retrained with corrections
 * (`classifier.trainedModel`) when it exists, else the committed one; `reload()` swaps models
 * without a restart (POST /api/classifier/reload, or SIGHUP), keeping the old one if the new fails.
 */
@Injectable()
export class ClassifierService {
  private readonly logger = new Logger(ClassifierService.name);
  private classifier: ComplaintClassifier;
  private loaded: LoadedModel;

  constructor(@Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig) {
    const path = this.modelPath();
    this.classifier = ComplaintClassifier.load(path);
    this.loaded = { version: this.classifier.version, path, loadedAt: new Date().toISOString() };
  }

  get version(): string {
    return this.classifier.version;
  }

  get model(): LoadedModel {
    return this.loaded;
  }

  classify(text: string): Classification {
    return this.classifier.classify(text);
  }

  /** Loads the model again from disk. Throws (and keeps serving the old model) if the file is unusable. */
  reload(): LoadedModel {
    const path = this.modelPath();
    let next: ComplaintClassifier;
    try {
      next = ComplaintClassifier.load(path);
    } catch (err) {
      throw new UnprocessableEntityException(
        `model file ${path} could not be loaded (${(err as Error).message}); still using ${this.classifier.version}`,
      );
    }
    const previous = this.classifier.version;
    this.classifier = next;
    this.loaded = { version: next.version, path, loadedAt: new Date().toISOString() };
    this.logger.log(`classifier model ${previous} replaced by ${next.version} (${path})`);
    return this.loaded;
  }

  private modelPath(): string {
    return activeModelPath(this.config);
  }
}
