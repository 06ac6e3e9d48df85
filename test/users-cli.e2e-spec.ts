import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { User } from '../src/users/user.entity';
import { runCli } from './support/run-cli';
import { cliTestDatabase } from './support/test-app';

// Each test starts the CLI (ts-node) two to four times: ~5 s each alone, 15 s or more on a busy machine.
jest.setTimeout(120_000);

describe('defuse user (CLI) and users from config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-users-'));
  const database = cliTestDatabase(join(dir, 'users.sqlite'));
  const env = {
    DEFUSE_CONFIG: join(dir, 'defuse.yaml'),
    ...database.env,
    ADMIN_PASSWORD: 'admin passphrase 1',
  };
  writeFileSync(
    env.DEFUSE_CONFIG,
    `brands:\n  - {id: acme, name: Acme, query: {any: [acme]}}\n` +
      `auth: {bcryptRounds: 4}\n` +
      `users:\n  - {email: Boss@Acme.example, name: Boss, role: admin, passwordEnv: ADMIN_PASSWORD}\n` +
      database.yaml,
  );

  afterAll(() => {
    database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function storedUsers(): Promise<User[]> {
    const db = await new DataSource(database.options()).initialize();
    try {
      return await db.getRepository(User).find({ order: { email: 'ASC' } });
    } finally {
      await db.destroy();
    }
  }

  it('adds a user with a bcrypt hash, seeds the configured admin, and lists both', async () => {
    const added = await runCli(
      ['user', 'add', 'Jo@Acme.example', '--role', 'agent', '--name', 'Jo Smith'],
      env,
      {
        input: 'a long enough passphrase\n',
      },
    );
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0, stdout: 'added jo@acme.example (agent)\n' });
    const users = await storedUsers();
    expect(users.map((u) => [u.email, u.role, u.name])).toEqual([
      ['boss@acme.example', 'admin', 'Boss'],
      ['jo@acme.example', 'agent', 'Jo Smith'],
    ]);
    expect(users[1].passwordHash).toMatch(/^\$2[aby]\$04\$/);
    expect(users[1].passwordHash).not.toContain('passphrase');
    const listed = await runCli(['user', 'list'], env);
    expect(listed.stdout).toBe('boss@acme.example\tadmin\tBoss\njo@acme.example\tagent\tJo Smith\n');
  });

  it('refuses a second user with the same email, whatever its case, and keeps the first', async () => {
    const again = await runCli(['user', 'add', 'JO@acme.example', '--role', 'viewer'], {
      ...env,
      DEFUSE_PASSWORD: 'another passphrase',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a user with email jo@acme.example already exists');
    expect((await storedUsers()).find((u) => u.email === 'jo@acme.example')?.role).toBe('agent');
  });

  it('adds a reviewer (the longest role name fits the role column)', async () => {
    const added = await runCli(['user', 'add', 'lee@acme.example', '--role', 'reviewer'], {
      ...env,
      DEFUSE_PASSWORD: 'a long enough passphrase',
    });
    expect(added).toMatchObject({ code: 0, stdout: 'added lee@acme.example (reviewer)\n' });
    expect((await storedUsers()).find((u) => u.email === 'lee@acme.example')?.role).toBe('reviewer');
  });

  it.each([
    [
      ['user', 'add', 'not-an-email', '--role', 'agent'],
      "error: command-argument value 'not-an-email' is invalid",
    ],
    [
      ['user', 'add', 'x@acme.example', '--role', 'boss'],
      "error: option '--role <role>' argument 'boss' is invalid",
    ],
    [['user', 'add', 'x@acme.example'], "error: required option '--role <role>' not specified"],
  ])('refuses %j with a clear message', async (args, message) => {
    const res = await runCli(args, { ...env, DEFUSE_PASSWORD: 'a long enough passphrase' });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(message);
  });

  it('refuses a short password before touching the database', async () => {
    const res = await runCli(['user', 'add', 'short@acme.example', '--role', 'viewer'], env, {
      input: 'short\n',
    });
    expect(res).toMatchObject({ code: 2 });
    expect(res.stderr).toBe('defuse user add: password must be at least 12 characters\n');
    expect((await storedUsers()).map((u) => u.email)).not.toContain('short@acme.example');
  });
});
