import { Injectable } from '@nestjs/common';

/**
 * SQLite has a single writer and TypeORM's sqlite3 driver shares one connection, so two concurrent
 * transactions would collide ("cannot start a transaction within a transaction"). Every write goes
 * through this queue and runs alone, in call order; reads need not.
 */
@Injectable()
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
