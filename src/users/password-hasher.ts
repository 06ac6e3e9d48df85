import { compare, hash } from 'bcryptjs';

/** The shortest password accepted: long passphrases beat complexity rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt only reads the first 72 bytes; longer input would silently be cut, so it is refused. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * Passwords hashed with bcrypt (bcryptjs: pure JavaScript, so nothing to build or download). The cost
 * comes from config (`auth.bcryptRounds`, 12 by default: ~0.4 s on the development machine).
 */
export class PasswordHasher {
  /** A hash of nothing anyone knows, compared against when the user does not exist, so timing tells nothing. */
  private dummy?: Promise<string>;

  constructor(private readonly rounds: number) {}

  /** Why this password is refused, or undefined when it is acceptable. */
  static problemWith(password: string): string | undefined {
    if (password.length < MIN_PASSWORD_LENGTH)
      return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
    if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES)
      return `password must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest)`;
    return undefined;
  }

  hash(password: string): Promise<string> {
    const problem = PasswordHasher.problemWith(password);
    if (problem) return Promise.reject(new RangeError(problem));
    return hash(password, this.rounds);
  }

  /** True when the password matches; with no stored hash, spends the same time and answers false. */
  async verify(password: string, stored: string | null): Promise<boolean> {
    if (stored === null) {
      this.dummy ??= hash('not-a-password-anyone-has', this.rounds);
      await compare(password, await this.dummy);
      return false;
    }
    return compare(password, stored);
  }
}
