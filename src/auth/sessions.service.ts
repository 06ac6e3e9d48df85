import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { WriteQueue } from '../database/write-queue';
import { User } from '../users/user.entity';
import { newSecret, sha256 } from './secret';
import { UserSession } from './session.entity';

/** Seen-at is written at most this often, so reading the queue does not turn every request into a write. */
const TOUCH_EVERY_MS = 60_000;

export interface OpenedSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Browser sessions: opened at sign-in, slid forward while used, ended by sign-out, idleness or age. */
@Injectable()
export class Sessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
  ) {}

  async open(userId: number, now = new Date()): Promise<OpenedSession> {
    const secret = newSecret();
    const csrfToken = newSecret();
    const expiresAt = this.expiry(now, now);
    await this.writes.run(async () => {
      const repo = this.db.getRepository(UserSession);
      // Sign-in is a good moment to forget sessions that ended long ago.
      await repo.delete({ expiresAt: LessThanOrEqual(now) });
      await repo.insert({
        idHash: sha256(secret),
        userId,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
    });
    return { secret, csrfToken, expiresAt };
  }

  /** The live session and its user for a cookie's secret, or null (unknown, expired, user gone). */
  async find(secret: string, now = new Date()): Promise<{ session: UserSession; user: User } | null> {
    const idHash = sha256(secret);
    const session = await this.db.getRepository(UserSession).findOneBy({ idHash });
    if (!session) return null;
    if (session.expiresAt <= now) {
      await this.close(secret);
      return null;
    }
    const user = await this.db.getRepository(User).findOneBy({ id: session.userId });
    if (!user) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now;
      session.expiresAt = this.expiry(session.createdAt, now);
      await this.writes.run(() =>
        this.db
          .getRepository(UserSession)
          .update({ idHash }, { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt }),
      );
    }
    return { session, user };
  }

  async close(secret: string): Promise<void> {
    await this.writes.run(() => this.db.getRepository(UserSession).delete({ idHash: sha256(secret) }));
  }

  /** Idle timeout from the last use, capped by the absolute lifetime from sign-in. */
  private expiry(createdAt: Date, lastSeenAt: Date): Date {
    const { sessionIdle, sessionMax } = this.config.auth;
    return new Date(Math.min(lastSeenAt.getTime() + sessionIdle, createdAt.getTime() + sessionMax));
  }
}
