import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
import { FeedHealthService } from '../ingest/feed-health.service';

/** Public: load balancers and uptime checks call it without signing in. It shows counts, not feed details. */
@Controller('api/health')
@Public()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feeds: FeedHealthService,
  ) {}

  /** 200 when the database answers, 503 otherwise; feed failures are reported but do not make the app unhealthy. */
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const uptimeSeconds = Math.round((Date.now() - this.startedAt) / 1000);
    try {
      await this.db.query('SELECT 1');
      const feeds = await this.feeds.list();
      const count = (s: string) => feeds.filter((f) => f.status === s).length;
      return {
        status: 'ok',
        database: 'ok',
        uptimeSeconds,
        feeds: {
          total: feeds.length,
          ok: count('ok'),
          failing: count('failing'),
          pending: count('pending'),
          disabled: count('disabled'),
        },
      };
    } catch (err) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', database: (err as Error).message, uptimeSeconds };
    }
  }
}
