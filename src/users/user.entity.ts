import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Role } from '../access/roles';
import { isoDate } from '../database/iso-date.transformer';

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
