import { Command } from 'commander';
import { FeedPollSummary, PollService } from '../ingest/poll.service';
import { PollScheduler } from '../ingest/poll.scheduler';
import { createCliContext } from './cli-context';

export function pollCommand(): Command {
  return new Command('poll')
    .description(
      'poll feeds: --once polls every enabled feed once and exits (non-zero if any feed failed); without it, polls on schedule until stopped',
    )
    .option('--once', 'poll every feed once, print a summary per feed, and exit')
    .option('--json', 'print one JSON object per feed instead of a table')
    .action(async (opts: { once?: boolean; json?: boolean }) => {
      if (!opts.once) {
        const app = await createCliContext({ scheduler: true, verbose: true });
        await app.get(PollScheduler).start();
        return; // runs until SIGINT/SIGTERM; shutdown hooks stop the timers
      }
      const app = await createCliContext({ scheduler: false });
      try {
        const summaries = await app.get(PollService).pollAll();
        process.stdout.write(
          opts.json
            ? summaries.map((s) => JSON.stringify(toJson(s))).join('\n') + '\n'
            : formatTable(summaries),
        );
        if (summaries.some((s) => s.error)) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}

function toJson(s: FeedPollSummary) {
  return {
    feed: s.feedId,
    type: s.type,
    ...s.counts,
    notModified: s.notModified,
    error: s.error ?? null,
    ...(s.skipped ? { skipped: s.skipped } : {}),
    nextPollAt: s.nextPollAt.toISOString(),
  };
}

export function formatTable(summaries: FeedPollSummary[]): string {
  if (summaries.length === 0) return 'no enabled feeds in the configuration\n';
  const header = ['feed', 'type', 'new', 'duplicate', 'skipped', 'invalid', 'result'];
  const rows = summaries.map((s) => [
    s.feedId,
    s.type,
    String(s.counts.new),
    String(s.counts.duplicate),
    String(s.counts.skipped),
    String(s.counts.invalid),
    s.error
      ? `error: ${s.error}`
      : s.skipped
        ? 'skipped (another instance is polling it)'
        : s.notModified
          ? 'ok (not modified)'
          : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 6 ? 0 : r[i].length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 6 ? c : i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const failed = summaries.filter((s) => s.error).length;
  const total = summaries.reduce((n, s) => n + s.counts.new, 0);
  return (
    [
      line(header),
      ...rows.map(line),
      `${summaries.length} feed(s), ${total} new mention(s), ${failed} failed`,
    ].join('\n') + '\n'
  );
}
