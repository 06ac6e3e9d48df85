import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { isoDate } from '../database/iso-date.transformer';

/**
 * viewer: reads; agent: acts on cases; reviewer: also approves the reply to a case held for review
 * (legal threat, safety risk, a large audience); admin: also manages users, brands and feeds.
 * Highest first. "reviewer" is 8 characters, the width of the role column.
 */
export const ROLES = ['admin', 'reviewer', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in to the dashboard. The email is stored lower-cased; it is the sign-in name. */
@Entity('app_user')
@Unique('UQ_user_email', ['email'])
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { length: 254 })
  email!: string;

  @Column('varchar', { length: 100, nullable: true })
  name!: string | null;

  @Column('varchar', { length: 8 })
  role!: Role;

  /** bcrypt, with its cost and salt inside. Never leaves the users module. */
  @Column('varchar', { name: 'password_hash', length: 100 })
  passwordHash!: string;

  @Column('varchar', { name: 'created_at', length: 24, transformer: isoDate })
  createdAt!: Date;

  @Column('varchar', { name: 'updated_at', length: 24, transformer: isoDate })
  updatedAt!: Date;
}
