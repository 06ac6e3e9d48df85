import { MIN_PASSWORD_LENGTH, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const sut = new PasswordHasher(4);

  it('hashes with bcrypt at the configured cost and a fresh salt each time', async () => {
    const a = await sut.hash('correct horse battery staple');
    const b = await sut.hash('correct horse battery staple');
    expect(a).toMatch(/^\$2[aby]\$04\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await sut.hash('correct horse battery staple');
    expect(await sut.verify('correct horse battery staple', stored)).toBe(true);
    expect(await sut.verify('Correct horse battery staple', stored)).toBe(false);
  });

  it('answers false for a user that does not exist, after doing the same work', async () => {
    expect(await sut.verify('anything at all here', null)).toBe(false);
  });

  it.each([
    ['short', `password must be at least ${MIN_PASSWORD_LENGTH} characters`],
    ['x'.repeat(73), 'password must be at most 72 bytes (bcrypt ignores the rest)'],
    ['é'.repeat(37), 'password must be at most 72 bytes (bcrypt ignores the rest)'],
  ])('refuses %j', async (password, message) => {
    expect(PasswordHasher.problemWith(password)).toBe(message);
    await expect(sut.hash(password)).rejects.toThrow(message);
  });

  it('accepts a long passphrase', () => {
    expect(PasswordHasher.problemWith('twelve chars')).toBeUndefined();
  });
});
