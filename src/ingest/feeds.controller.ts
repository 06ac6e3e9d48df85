import { Controller, Get } from '@nestjs/common';
import { FeedHealth, FeedHealthService } from './feed-health.service';

@Controller('api/feeds')
export class FeedsController {
  constructor(private readonly health: FeedHealthService) {}

  @Get()
  list(): Promise<{ items: FeedHealth[] }> {
    return this.health.list().then((items) => ({ items }));
  }
}
