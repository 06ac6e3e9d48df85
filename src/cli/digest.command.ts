import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { DigestDelivery } from '../digest/digest-delivery';
import { DigestMailer } from '../digest/digest-mailer';
import { parseDay } from '../time/zoned-time';
import { DigestPreferences } from '../digest/preferences/digest-preferences.service';
import { createCliContext } from './cli-context';

/** The --date value as given, once it names a real calendar day. */
function calendarDay(value: string): string {
  try {
    parseDay(value);
  } catch {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  }
  return value;
}

interface DigestOptions {
  date: string;
  user?: string;
  preview?: string;
  send?: boolean;
  force?: boolean;
}

/**
 * `defuse digest --date D [--user EMAIL] --preview FILE.html | --send [--force]`: the digest about day D
 * (a day in each user's own time zone), written to a file or sent now. --send goes through the same
 * send log as the scheduler, so it still sends once per user and day unless --force.
 */
export function digestCommand(): Command {
  return new Command('digest')
    .description("write or send the daily digest about a day (the user's local day)")
    .requiredOption('--date <YYYY-MM-DD>', 'the day the digest reports on', calendarDay)
    .option('--user <email>', 'one user (default: every user with the digest enabled)')
    .option('--preview <file.html>', 'write the HTML digest to this file instead of sending')
    .option('--send', 'send it now over SMTP (SMTP_URL, DIGEST_FROM)')
    .option('--force', 'with --send: send again even if this day was already sent')
    .action(async (opts: DigestOptions) => {
      if (Boolean(opts.preview) === Boolean(opts.send) || (opts.force && !opts.send)) {
        process.stderr.write(
          'defuse digest: give either --preview FILE or --send (--force only with --send)\n',
        );
        process.exitCode = 2;
        return;
      }
      const app = await createCliContext({ scheduler: false });
      try {
        const subs = await app.get(DigestPreferences).subscribers();
        const wanted = opts.user?.trim().toLowerCase();
        const targets = wanted
          ? subs.filter((s) => s.user.email === wanted)
          : subs.filter((s) => s.choice.enabled);
        if (wanted && targets.length === 0) {
          process.stderr.write(`defuse digest: no user ${wanted} (see defuse user list)\n`);
          process.exitCode = 2;
          return;
        }
        const delivery = app.get(DigestDelivery);
        if (opts.preview) {
          if (targets.length !== 1) {
            process.stderr.write(`defuse digest: --preview writes one digest: name the user with --user\n`);
            process.exitCode = 2;
            return;
          }
          const digest = await delivery.render(targets[0], opts.date);
          writeFileSync(opts.preview, digest.html);
          process.stdout.write(`wrote ${opts.preview} for ${targets[0].user.email}: ${digest.subject}\n`);
          return;
        }
        const problem = app.get(DigestMailer).problem();
        if (problem) {
          process.stderr.write(`defuse digest: cannot send: ${problem}\n`);
          process.exitCode = 2;
          return;
        }
        let failed = 0;
        for (const sub of targets) {
          const o = await delivery.deliver(sub, opts.date, { force: opts.force });
          if (o.result === 'failed' || o.result === 'gave_up') failed++;
          process.stdout.write(`${o.email}\t${o.day}\t${o.result}${o.error ? `\t${o.error}` : ''}\n`);
        }
        if (failed > 0) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
