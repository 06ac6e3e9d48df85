import { Inject, Injectable } from '@nestjs/common';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';

interface Window {
  failures: number;
  endsAt: number;
}

/** An address serves many people behind one NAT, so it gets more room than one account. */
const PER_ADDRESS_FACTOR = 4;

/**
 * Failed sign-ins counted per email and per client address in a fixed window. Once either reaches its
 * limit, sign-in is refused without checking the password (so no bcrypt time is spent on a guesser)
 * until the window ends. Kept in memory: a restart forgets it, which costs a guesser only one window.
 */
@Injectable()
export class SignInLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig) {}

  /** Milliseconds until sign-in is allowed again, or 0 when it is allowed now. */
  blockedFor(email: string, address: string, now = Date.now()): number {
    const { maxFailures } = this.config.auth.signInLimit;
    return Math.max(
      this.wait(`email:${email.trim().toLowerCase()}`, maxFailures, now),
      this.wait(`address:${address}`, maxFailures * PER_ADDRESS_FACTOR, now),
    );
  }

  failed(email: string, address: string, now = Date.now()): void {
    this.count(`email:${email.trim().toLowerCase()}`, now);
    this.count(`address:${address}`, now);
    if (this.windows.size > 10_000) this.forgetEnded(now);
  }

  /** A right password clears the account's failures (not the address's: others may be guessing from it). */
  succeeded(email: string): void {
    this.windows.delete(`email:${email.trim().toLowerCase()}`);
  }

  private wait(key: string, limit: number, now: number): number {
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now) return 0;
    return w.failures >= limit ? w.endsAt - now : 0;
  }

  private count(key: string, now: number): void {
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now)
      this.windows.set(key, { failures: 1, endsAt: now + this.config.auth.signInLimit.window });
    else w.failures++;
  }

  private forgetEnded(now: number): void {
    for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
  }
}
