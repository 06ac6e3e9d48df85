import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.loader';
import { classifyCommand } from './classify.command';
import { digestCommand } from './digest.command';
import { evalCommand } from './eval.command';
import { pollCommand } from './poll.command';
import { suggestCommand } from './suggest.command';
import { trainCommand } from './train.command';
import { userCommand } from './user.command';

/** `defuse <command>`: one subcommand per job. Configuration from DEFUSE_CONFIG, database from DEFUSE_DB. */
export function buildCli(): Command {
  return new Command('defuse')
    .description('Defuse: social media complaint monitor')
    .showHelpAfterError()
    .addCommand(pollCommand())
    .addCommand(classifyCommand())
    .addCommand(trainCommand())
    .addCommand(evalCommand())
    .addCommand(suggestCommand())
    .addCommand(userCommand())
    .addCommand(digestCommand());
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exitCode = err.exitCode;
    else if (err instanceof ConfigError) {
      process.stderr.write(`defuse: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`defuse: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  }
}

if (require.main === module) void runCli(process.argv);
