import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../access/access.decorators';
import { FeedHealth, FeedHealthService } from './feed-health.service';
import { PollService } from './poll.service';

@ApiTags('feeds')
@Controller('api/feeds')
export class FeedsController {
  constructor(
    private readonly health: FeedHealthService,
    private readonly polls: PollService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every configured feed with its last success, last error and next poll' })
  list(): Promise<{ items: FeedHealth[] }> {
    return this.health.list().then((items) => ({ items }));
  }

  /** After fixing a feed's URL or credentials, an admin need not wait for the backoff to run out. */
  @Post(':id/poll')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Poll one feed now (admin); answers with what the poll stored or the error' })
  @ApiNotFoundResponse()
  async pollNow(@Param('id') id: string) {
    if (!this.polls.enabledFeeds().some((f) => f.id === id))
      throw new NotFoundException(`no enabled feed "${id}"`);
    const s = await this.polls.pollFeed(id);
    return {
      feedId: s.feedId,
      polledAt: s.polledAt.toISOString(),
      counts: s.counts,
      pages: s.pages,
      notModified: s.notModified,
      error: s.error ?? null,
      errorKind: s.errorKind ?? null,
      nextPollAt: s.nextPollAt.toISOString(),
      // PostgreSQL, several instances: another instance is polling this feed right now.
      ...(s.skipped ? { skipped: s.skipped } : {}),
    };
  }
}
