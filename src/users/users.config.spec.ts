import { configSchema } from '../config/config.schema';

const brands = [{ id: 'acme', name: 'Acme', query: { any: ['acme'] } }];

function problems(extra: Record<string, unknown>): string[] {
  const result = configSchema.safeParse({ brands, ...extra });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('users and auth in the configuration', () => {
  it('defaults to no users and bcrypt cost 12', () => {
    const sut = configSchema.parse({ brands });
    expect(sut.users).toEqual([]);
    expect(sut.auth.bcryptRounds).toBe(12);
  });

  it('accepts a user whose password comes from the environment', () => {
    expect(
      problems({ users: [{ email: 'jo@acme.example', role: 'agent', passwordEnv: 'JO_PASSWORD' }] }),
    ).toEqual([]);
  });

  it('accepts every role, reviewer included', () => {
    for (const role of ['admin', 'reviewer', 'agent', 'viewer'])
      expect(problems({ users: [{ email: 'jo@acme.example', role, passwordEnv: 'JO_PASSWORD' }] })).toEqual(
        [],
      );
  });

  it.each([
    [
      { users: [{ email: 'jo@acme.example', role: 'agent', passwordEnv: 'X', password: 'hunter2hunter2' }] },
      'users.0.password: passwords do not belong in YAML: name an environment variable with "passwordEnv"',
    ],
    [
      { users: [{ email: 'jo@acme.example', role: 'boss', passwordEnv: 'X' }] },
      'users.0.role: expected a role: admin, reviewer, agent, viewer',
    ],
    [
      { users: [{ email: 'jo', role: 'agent', passwordEnv: 'X' }] },
      'users.0.email: expected an email address such as "jo@acme.example"',
    ],
    [
      { users: [{ email: 'jo@acme.example', role: 'agent', passwordEnv: 'lower' }] },
      'users.0.passwordEnv: expected the NAME of an environment variable (e.g. "ADMIN_PASSWORD")',
    ],
    [
      {
        users: [
          { email: 'jo@acme.example', role: 'agent', passwordEnv: 'A' },
          { email: 'JO@acme.example', role: 'viewer', passwordEnv: 'B' },
        ],
      },
      'users.1.email: duplicate user email "jo@acme.example"',
    ],
    [{ auth: { bcryptRounds: 3 } }, 'auth.bcryptRounds: expected at least 4'],
  ])('refuses %j', (extra, message) => {
    expect(problems(extra)).toContain(message);
  });
});
