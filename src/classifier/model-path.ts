import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DefuseConfig } from '../config/config.schema';

/** The model the app uses: the one retrained with corrections when it exists, else the committed one. */
export function activeModelPath(config: DefuseConfig): string {
  const trained = resolve(config.classifier.trainedModel);
  return existsSync(trained) ? trained : resolve(config.classifier.model);
}
