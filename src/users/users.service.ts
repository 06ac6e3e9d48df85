import { randomBytes } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { WriteQueue } from '../database/write-queue';
import { PasswordHasher } from './password-hasher';
import { Role } from '../access/roles';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name?: string | null;
  role: Role;
  password: string;
}

export const FIRST_ADMIN_EMAIL = 'admin@defuse.local';

/** What the rest of the app sees of a user: never the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>;

export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** People who sign in: created from config at start-up or by `defuse user add`. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  readonly hasher: PasswordHasher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
  ) {
    this.hasher = new PasswordHasher(config.auth.bcryptRounds);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.seedFromConfig();
  }

  /** Adds a user; 409 when the email is taken (emails compare case-insensitively). */
  async add(input: NewUser, now = new Date()): Promise<PublicUser> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(input.password);
    return this.writes.run(async () => {
      const repo = this.db.getRepository(User);
      if (await repo.existsBy({ email }))
        throw new ConflictException(`a user with email ${email} already exists`);
      const user = await repo.save(
        repo.create({
          email,
          name: input.name ?? null,
          role: input.role,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return publicUser(user);
    });
  }

  /**
   * On the very first start nobody could sign in: then an admin is created with a random password, to
   * be shown once by the server (like Jenkins' initial admin password). Never when any user exists.
   */
  async ensureFirstAdmin(): Promise<{ email: string; password: string } | null> {
    if ((await this.db.getRepository(User).count()) > 0) return null;
    const password = randomBytes(18).toString('base64url');
    await this.add({ email: FIRST_ADMIN_EMAIL, name: 'First admin', role: 'admin', password });
    return { email: FIRST_ADMIN_EMAIL, password };
  }

  async list(): Promise<PublicUser[]> {
    return (await this.db.getRepository(User).find({ order: { email: 'ASC' } })).map(publicUser);
  }

  /** The user when the email and password match, otherwise null (in about the same time either way). */
  async verify(email: string, password: string): Promise<PublicUser | null> {
    const user = await this.db.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
    const ok = await this.hasher.verify(password, user?.passwordHash ?? null);
    return ok && user ? publicUser(user) : null;
  }

  /**
   * `users[]` from config: a missing user is created with the password from its environment variable;
   * an existing one keeps its password and takes the configured name and role (config is the truth).
   */
  private async seedFromConfig(): Promise<void> {
    for (const u of this.config.users) {
      const email = u.email.toLowerCase();
      const existing = await this.db.getRepository(User).findOneBy({ email });
      if (existing) {
        if (existing.role !== u.role || existing.name !== (u.name ?? null))
          await this.writes.run(() =>
            this.db
              .getRepository(User)
              .update({ id: existing.id }, { role: u.role, name: u.name ?? null, updatedAt: new Date() }),
          );
        continue;
      }
      const password = process.env[u.passwordEnv];
      if (!password) {
        this.logger.warn(`user ${email} not created: environment variable ${u.passwordEnv} is not set`);
        continue;
      }
      await this.add({ email, name: u.name, role: u.role, password });
      this.logger.log(`user ${email} created (${u.role})`);
    }
  }
}
