import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/** When and about what a user gets the daily digest. A user without a row gets the config's defaults. */
@Entity('digest_preference')
export class DigestPreference {
  @PrimaryColumn('integer', { name: 'user_id' })
  userId!: number;

  @Column('boolean')
  enabled!: boolean;

  /** Local hour (0–23) in `timeZone` at which yesterday's digest goes out. */
  @Column('integer')
  hour!: number;

  @Column('varchar', { name: 'time_zone', length: 64 })
  timeZone!: string;

  /** Brand ids followed; null follows every brand. */
  @Column('simple-json', { nullable: true })
  brands!: string[] | null;

  /** Send a short "all quiet" digest on a day with nothing to report. */
  @Column('boolean', { name: 'send_quiet' })
  sendQuiet!: boolean;

  @Column('varchar', { name: 'updated_at', length: 24, transformer: isoDate })
  updatedAt!: Date;
}
