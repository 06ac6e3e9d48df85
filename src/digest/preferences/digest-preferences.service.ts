import { BadRequestException, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { DEFUSE_CONFIG } from '../../config/config.module';
import { DefuseConfig } from '../../config/config.schema';
import { WriteQueue } from '../../database/write-queue';
import { isTimeZone } from '../../time/time-zone';
import { DigestPreference } from './digest-preference.entity';
import { UsersService } from '../../users/users.service';

/** A user's digest settings as they apply: their own choices over the config's defaults. */
export interface DigestChoice {
  enabled: boolean;
  hour: number;
  timeZone: string;
  brands: string[] | null;
  sendQuiet: boolean;
}

export interface Subscriber {
  user: { id: number; email: string; name: string | null };
  choice: DigestChoice;
}

/** Digest preferences: read with defaults, changed by the user (API) or the config (start-up). */
@Injectable()
export class DigestPreferences implements OnApplicationBootstrap {
  /** A user's choice changed: the digest scheduler re-registers that user's job. */
  readonly changed = new Subject<number>();
  private configApplied?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly users: UsersService,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.applyConfig();
  }

  /**
   * Digest choices written in the config (`users[].digest`), applied at every start: config is the
   * truth. Once per process; the scheduler waits for it before it registers anyone's job. The users
   * module has created the configured users by now (its bootstrap runs before this module's).
   */
  applyConfig(): Promise<void> {
    this.configApplied ??= (async () => {
      const configured = this.config.users.filter((u) => u.digest);
      if (configured.length === 0) return;
      const byEmail = new Map((await this.users.list()).map((u) => [u.email, u.id]));
      for (const u of configured) {
        const id = byEmail.get(u.email.toLowerCase());
        if (id !== undefined && u.digest) await this.set(id, u.digest);
      }
    })();
    return this.configApplied;
  }

  defaults(): DigestChoice {
    const d = this.config.digest;
    return { enabled: d.enabled, hour: d.hour, timeZone: d.timeZone, brands: null, sendQuiet: d.sendQuiet };
  }

  async of(userId: number): Promise<DigestChoice> {
    const row = await this.db.getRepository(DigestPreference).findOneBy({ userId });
    return row ? choiceOf(row) : this.defaults();
  }

  /** Every user with their digest settings (enabled or not), by email. */
  async subscribers(): Promise<Subscriber[]> {
    const [users, rows] = await Promise.all([
      this.users.list(),
      this.db.getRepository(DigestPreference).find(),
    ]);
    const byUser = new Map(rows.map((r) => [r.userId, choiceOf(r)]));
    return users.map((u) => ({
      user: { id: u.id, email: u.email, name: u.name },
      choice: byUser.get(u.id) ?? this.defaults(),
    }));
  }

  /** Merges a change into the user's choice; 400 naming the field for a bad hour, zone or brand. */
  async set(userId: number, change: Partial<DigestChoice>, now = new Date()): Promise<DigestChoice> {
    const next = { ...(await this.of(userId)), ...stripUndefined(change) };
    const problem = this.problemWith(next);
    if (problem) throw new BadRequestException(problem);
    await this.writes.run(() =>
      this.db.getRepository(DigestPreference).save({ userId, ...next, updatedAt: now }),
    );
    this.changed.next(userId);
    return next;
  }

  private problemWith(c: DigestChoice): string | undefined {
    if (!Number.isInteger(c.hour) || c.hour < 0 || c.hour > 23)
      return 'hour must be a whole number from 0 to 23';
    if (!isTimeZone(c.timeZone))
      return `timeZone "${c.timeZone}" is not an IANA time zone such as "Europe/London"`;
    const known = new Set(this.config.brands.map((b) => b.id));
    const unknown = c.brands?.find((b) => !known.has(b));
    if (unknown !== undefined)
      return `brand "${unknown}" is not configured (known: ${[...known].join(', ')})`;
    if (c.brands && c.brands.length === 0) return 'brands must name at least one brand, or be null for all';
    return undefined;
  }
}

function choiceOf(r: DigestPreference): DigestChoice {
  return { enabled: r.enabled, hour: r.hour, timeZone: r.timeZone, brands: r.brands, sendQuiet: r.sendQuiet };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
