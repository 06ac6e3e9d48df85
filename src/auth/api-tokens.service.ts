import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WriteQueue } from '../database/write-queue';
import { User } from '../users/user.entity';
import { ApiToken } from './api-token.entity';
import { newSecret, sha256 } from './secret';

/** Recognisable in logs and secret scanners, like GitHub's "ghp_". */
export const TOKEN_PREFIX = 'dfs_';
const TOUCH_EVERY_MS = 60_000;

export interface TokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function view(t: ApiToken): TokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

/** Personal API tokens: a script acts as the user who made the token, with that user's role. */
@Injectable()
export class ApiTokens {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** The token itself is returned once, here; afterwards only its name and dates are shown. */
  async create(userId: number, name: string, now = new Date()): Promise<TokenView & { token: string }> {
    const token = newSecret(TOKEN_PREFIX);
    const saved = await this.writes.run(() =>
      this.db
        .getRepository(ApiToken)
        .save({ userId, name, tokenHash: sha256(token), createdAt: now, lastUsedAt: null }),
    );
    return { ...view(saved), token };
  }

  async list(userId: number): Promise<TokenView[]> {
    return (await this.db.getRepository(ApiToken).find({ where: { userId }, order: { id: 'ASC' } })).map(
      view,
    );
  }

  /** Only the owner revokes a token; someone else's id is answered like a missing one. */
  async revoke(userId: number, id: number): Promise<void> {
    const result = await this.writes.run(() => this.db.getRepository(ApiToken).delete({ id, userId }));
    if (!result.affected) throw new NotFoundException(`you have no API token ${id}`);
  }

  async find(token: string, now = new Date()): Promise<User | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.db.getRepository(ApiToken).findOneBy({ tokenHash: sha256(token) });
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
      await this.writes.run(() =>
        this.db.getRepository(ApiToken).update({ id: row.id }, { lastUsedAt: now }),
      );
    return this.db.getRepository(User).findOneBy({ id: row.userId });
  }
}
