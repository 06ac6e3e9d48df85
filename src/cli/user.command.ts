import { ConflictException } from '@nestjs/common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { PasswordHasher } from '../users/password-hasher';
import { ROLES, Role } from '../access/roles';
import { UsersService } from '../users/users.service';
import { createCliContext } from './cli-context';

const email = z.email();

/** `defuse user add EMAIL --role R` and `defuse user list`. */
export function userCommand(): Command {
  const user = new Command('user').description('the people who sign in to the dashboard');
  user
    .command('add')
    .description('add a user; the password is read from DEFUSE_PASSWORD, or else the first line of stdin')
    .argument('<email>', 'the sign-in email', (value: string) => {
      if (!email.safeParse(value).success) throw new InvalidArgumentError('expected an email address');
      return value;
    })
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'shown in the dashboard and the history')
    .action(async (address: string, opts: { role: Role; name?: string }) => {
      const password = process.env.DEFUSE_PASSWORD ?? (await firstLineOfStdin());
      const problem = PasswordHasher.problemWith(password);
      if (problem) {
        process.stderr.write(`defuse user add: ${problem}\n`);
        process.exitCode = 2;
        return;
      }
      const app = await createCliContext({ scheduler: false });
      try {
        const added = await app
          .get(UsersService)
          .add({ email: address, role: opts.role, name: opts.name, password });
        process.stdout.write(`added ${added.email} (${added.role})\n`);
      } catch (err) {
        if (!(err instanceof ConflictException)) throw err;
        process.stderr.write(`defuse user add: ${err.message}\n`);
        process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
  user
    .command('list')
    .description('list users: email, role, name')
    .action(async () => {
      const app = await createCliContext({ scheduler: false });
      try {
        for (const u of await app.get(UsersService).list())
          process.stdout.write(`${u.email}\t${u.role}\t${u.name ?? ''}\n`);
      } finally {
        await app.close();
      }
    });
  return user;
}

async function firstLineOfStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
