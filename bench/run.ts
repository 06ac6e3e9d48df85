/** `npm run bench`: prints figures; never part of the tests (they do not assert on time). */
import 'reflect-metadata';
import { benchClassifier } from './classifier.bench';
import { benchDashboard } from './dashboard.bench';
import { benchDigest } from './digest.bench';
import { benchIngest } from './ingest.bench';
import { benchTriage } from './triage.bench';

const benches: Record<
  string,
  () => Promise<Record<string, string | number>> | Record<string, string | number>
> = {
  ingest: benchIngest,
  classifier: benchClassifier,
  triage: benchTriage,
  dashboard: benchDashboard,
  digest: benchDigest,
};

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    const figures = await bench();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k}: ${v}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
