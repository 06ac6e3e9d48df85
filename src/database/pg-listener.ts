import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Wait before reconnecting a lost LISTEN connection. */
const RECONNECT_MS = 1_000;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const NOTIFY_MAX_BYTES = 7_900;

/** The PostgreSQL URL a DataSource was opened with. */
export function urlOf(db: DataSource): string {
  const url = (db.options as { url?: string }).url;
  if (!url) throw new Error('no PostgreSQL URL on this DataSource');
  return url;
}

/** `NOTIFY channel, payload` through the DataSource's pool (delivered when the surrounding transaction commits). */
export async function notify(db: DataSource, channel: string, payload: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

/**
 * A dedicated connection LISTENing on one channel (a pooled connection cannot: LISTEN belongs to its
 * session). When the connection drops it reconnects after a second and listens again; notifications sent
 * while it was down are lost (PostgreSQL does not queue them for a session that is gone).
 */
export class PgListener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string) => void,
    private readonly logger = new Logger(PgListener.name),
  ) {}

  /** Connects and listens; on failure logs and keeps trying in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.connect();
    } catch (err) {
      this.logger.error(`LISTEN ${this.channel}: ${(err as Error).message}; retrying`);
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'defuse-listen' });
    client.on('notification', (m) => {
      if (m.channel === this.channel && m.payload !== undefined) this.onMessage(m.payload);
    });
    client.on('error', (err) => {
      this.logger.warn(`LISTEN ${this.channel}: connection lost (${err.message}); reconnecting`);
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      this.scheduleReconnect();
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    if (this.stopped) await this.stop();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.connect().catch((err: Error) => {
        this.logger.warn(`LISTEN ${this.channel}: ${err.message}; retrying`);
        this.scheduleReconnect();
      });
    }, RECONNECT_MS);
  }
}
