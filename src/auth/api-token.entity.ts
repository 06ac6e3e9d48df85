import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../database/iso-date.transformer';

/** A personal API token for scripts: acts as its user, with the user's role. Only its SHA-256 is stored. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'user_id' })
  userId!: number;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { name: 'token_hash', length: 64, unique: true })
  tokenHash!: string;

  @Column('varchar', { name: 'created_at', length: 24, transformer: isoDate })
  createdAt!: Date;

  @Column('varchar', { name: 'last_used_at', length: 24, nullable: true, transformer: isoDate })
  lastUsedAt!: Date | null;
}
