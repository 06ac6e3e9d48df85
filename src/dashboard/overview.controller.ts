import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../time/is-instant';
import { Overview, OverviewService } from './overview.service';

export class OverviewQuery {
  @ApiPropertyOptional({
    description:
      'Compute the figures as of this time instead of now (feeds are always current): reproducible numbers',
    example: '2026-11-22T08:00:00Z',
  })
  @IsOptional()
  @IsInstant('now')
  now?: string;
}

@ApiTags('overview')
@Controller('api')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Dashboard figures: angry mentions per hour (24 h) and per day (30 days) by category and brand, first-response times, SLA breaches, feed health',
  })
  get(@Query() query: OverviewQuery): Promise<Overview> {
    return this.overview.overview(query.now ? new Date(query.now) : new Date());
  }
}
