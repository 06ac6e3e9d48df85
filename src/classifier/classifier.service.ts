import { Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { Classification } from './classifier.types';
import { ComplaintClassifier } from './complaint-classifier';
import { ANALYSABLE_LANGUAGES, analysedLanguages, classifyPost } from './language/classify-post';
import { CorrectedAnswer, CorrectionIndex } from './corrections/correction-index';
import { activeModelPath } from './model-path';

const EVERY_LANGUAGE = new Set(ANALYSABLE_LANGUAGES);

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
  /** Managers' answers for posts they corrected: same or nearly the same text gets them at once. */
  readonly corrections = new CorrectionIndex();

  constructor(@Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig) {
    const path = this.modelPath();
    this.classifier = ComplaintClassifier.load(path);
    this.loaded = { version: this.classifier.version, path, loadedAt: new Date().toISOString() };
  }

  get version(): string {
    return this.classifier.version;
  }

  /** The serving model itself (the retrain measures it against a candidate). */
  get complaintClassifier(): ComplaintClassifier {
    return this.classifier;
  }

  get model(): LoadedModel {
    return this.loaded;
  }

  classify(text: string): Classification {
    return this.classifier.classify(text);
  }

  /**
   * A post matched to these brands, classified in its own language (English by the model, French by
   * rules where a brand reads French); any other language comes back `analysed: false`.
   */
  classifyPost(
    text: string,
    declaredLanguage: string | null | undefined,
    brandIds: readonly string[],
  ): Classification {
    return this.corrected(
      text,
      classifyPost(this.classifier, text, declaredLanguage, this.languagesFor(brandIds)),
    );
  }

  /** Any text in any language Defuse reads (POST /api/classify: no brand to limit the languages). */
  classifyText(text: string, declaredLanguage?: string): Classification {
    return this.corrected(text, classifyPost(this.classifier, text, declaredLanguage, EVERY_LANGUAGE));
  }

  /** The manager's answer overrides the model's for a corrected text and its near copies. */
  private corrected(text: string, c: Classification): Classification {
    const fix = this.corrections.find(text);
    return fix ? applyCorrection(c, fix) : c;
  }

  /** Analysed languages per combination of brands (a handful of combinations: cached). */
  private readonly languageSets = new Map<string, Set<string>>();

  private languagesFor(brandIds: readonly string[]): Set<string> {
    const key = brandIds.join('\u0000');
    let set = this.languageSets.get(key);
    if (!set) {
      const brands = this.config.brands.filter((b) => brandIds.includes(b.id));
      set = analysedLanguages(brands.length ? brands.map((b) => b.query.languages) : [[]]);
      this.languageSets.set(key, set);
    }
    return set;
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

/**
 * A classification with a manager's answer applied: their angry/not and category; the score moved just
 * across the threshold if it disagreed (0.5 means angry); a reason saying where the answer came from.
 * A person decided, so the post counts as analysed whatever its language.
 */
export function applyCorrection(c: Classification, fix: CorrectedAnswer): Classification {
  const score = fix.angry ? Math.max(c.score, 0.5) : Math.min(c.score, 0.4999);
  return {
    ...c,
    angry: fix.angry,
    score,
    category: fix.category ?? (fix.angry ? c.category : 'other'),
    intensity: fix.angry ? c.intensity : 'low',
    reasons: [
      `same text as post #${fix.mentionId}, which a manager marked ${fix.angry ? 'a complaint' : 'not a complaint'}`,
      ...c.reasons,
    ],
    analysed: true,
  };
}
