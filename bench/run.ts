/** `npm run bench`: prints figures; never part of the tests (they do not assert on time). */
import 'reflect-metadata';

type Figures = Record<string, string | number>;

/**
 * Each bench is loaded only when it runs: the benches measure this process's peak RSS, and loading them
 * all up front (playwright-core, smtp-server, nodemailer…) added ~110 MB to the ingest figure.
 */
const benches: Record<string, () => Promise<Figures>> = {
  ingest: async () => (await import('./ingest.bench')).benchIngest(),
  classifier: async () => (await import('./classifier.bench')).benchClassifier(),
  triage: async () => (await import('./triage.bench')).benchTriage(),
  replies: async () => (await import('./triage.bench')).benchReplies(),
  dashboard: async () => (await import('./dashboard.bench')).benchDashboard(),
  digest: async () => (await import('./digest.bench')).benchDigest(),
};

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    // The triage bench drafts replies too; `replies` is for measuring drafting alone.
    if (!only && name === 'replies') continue;
    const figures = await bench();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k}: ${v}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
