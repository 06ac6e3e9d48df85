import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * This app instance among those sharing the database. `shared` is true on PostgreSQL, where several
 * instances may run on one database and coordinate (feed leases, tick claims, the event bridge); on
 * SQLite (one instance per file) it is false and none of that coordination runs.
 */
@Injectable()
export class Instance {
  /** host:pid:random, unique per app instance (two apps in one process get two ids). */
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(0, 128);
  readonly shared: boolean;

  constructor(@InjectDataSource() db: DataSource) {
    this.shared = dialectOf(db) === 'postgres';
  }
}
