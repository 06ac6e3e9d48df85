import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file with a package.json. `src/classifier`
 * and `dist/classifier` are two levels below it, `dist-bench/src/classifier` (the benchmarks) three.
 */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(__dirname, '..', '..');
  }
}
