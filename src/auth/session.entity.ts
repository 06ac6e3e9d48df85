import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoDate } from '../database/iso-date.transformer';

/** A signed-in browser. The cookie holds a random secret; only its SHA-256 is stored. */
@Entity('user_session')
export class UserSession {
  @PrimaryColumn('varchar', { name: 'id_hash', length: 64 })
  idHash!: string;

  @Column('integer', { name: 'user_id' })
  userId!: number;

  /** Sent back by the page in X-CSRF-Token on every state-changing request. */
  @Column('varchar', { name: 'csrf_token', length: 64 })
  csrfToken!: string;

  @Column('varchar', { name: 'created_at', length: 24, transformer: isoDate })
  createdAt!: Date;

  @Column('varchar', { name: 'last_seen_at', length: 24, transformer: isoDate })
  lastSeenAt!: Date;

  @Column('varchar', { name: 'expires_at', length: 24, transformer: isoDate })
  expiresAt!: Date;
}
