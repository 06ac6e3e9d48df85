import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { Instance } from '../database/instance';
import { notify, NOTIFY_MAX_BYTES, PgListener, urlOf } from '../database/pg-listener';
import { TriageEvent, TriageEvents } from './triage.events';

export const EVENTS_CHANNEL = 'defuse_events';

/** One NOTIFY payload: the publishing instance and a batch of its events. */
interface Envelope {
  from: string;
  events: TriageEvent[];
}

/**
 * Several instances on one PostgreSQL database: every event this instance publishes goes out with
 * `pg_notify('defuse_events', …)` (after its write committed, as the local stream), and each instance
 * LISTENs on a dedicated connection and delivers the other instances' events onto its own stream, so a
 * dashboard connected to any instance sees them all. Its own notifications come back too and are
 * dropped by the sender's id. Off on SQLite: one instance, the in-process stream as before.
 * Delivery is best effort, as the local stream: events sent while a LISTEN connection is down are lost
 * to that instance (the dashboard reloads its lists on reconnect anyway).
 */
@Injectable()
export class TriageEventsBridge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TriageEventsBridge.name);
  private listener?: PgListener;
  private sending?: Subscription;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly instance: Instance,
    private readonly events: TriageEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.instance.shared) return;
    this.listener = new PgListener(
      urlOf(this.db),
      EVENTS_CHANNEL,
      (payload) => this.receive(payload),
      this.logger,
    );
    await this.listener.start();
    this.sending = this.events.published.subscribe((batch) => void this.send(batch));
  }

  async onApplicationShutdown(): Promise<void> {
    this.sending?.unsubscribe();
    await this.listener?.stop();
  }

  private async send(batch: readonly TriageEvent[]): Promise<void> {
    try {
      for (const payload of envelopes(this.instance.id, batch))
        await notify(this.db, EVENTS_CHANNEL, payload);
    } catch (err) {
      this.logger.warn(`events not passed to other instances: ${(err as Error).message}`);
    }
  }

  private receive(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      this.logger.warn('an unreadable event notification was dropped');
      return;
    }
    if (envelope.from === this.instance.id || !Array.isArray(envelope.events)) return;
    this.events.deliver(envelope.events);
  }
}

/** The batch as NOTIFY payloads under PostgreSQL's size limit, in order; a single oversized event is dropped. */
export function envelopes(from: string, batch: readonly TriageEvent[]): string[] {
  // `{"from":…,"events":[` + the events joined by commas + `]}`, measured per event (linear in the batch).
  const overhead = Buffer.byteLength(JSON.stringify({ from, events: [] } satisfies Envelope));
  const out: string[] = [];
  let current: string[] = [];
  let size = overhead;
  const flush = () => {
    if (current.length > 0) out.push(`{"from":${JSON.stringify(from)},"events":[${current.join(',')}]}`);
    current = [];
    size = overhead;
  };
  for (const e of batch) {
    const json = JSON.stringify(e);
    const bytes = Buffer.byteLength(json);
    if (overhead + bytes > NOTIFY_MAX_BYTES) continue;
    if (size + bytes + (current.length > 0 ? 1 : 0) > NOTIFY_MAX_BYTES) flush();
    size += bytes + (current.length > 0 ? 1 : 0);
    current.push(json);
  }
  flush();
  return out;
}
