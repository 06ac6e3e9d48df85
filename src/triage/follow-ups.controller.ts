import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FollowUps, FollowUpWhen } from './follow-ups.service';

const WHEN = ['overdue', 'due', 'pending'] as const;

export class ListFollowUpsQuery {
  @ApiPropertyOptional({ enum: WHEN, default: 'due', description: 'due: past due or due within 24 hours' })
  @IsOptional()
  @IsIn(WHEN, { message: `when must be one of ${WHEN.join(', ')}` })
  when?: FollowUpWhen;
}

@ApiTags('follow-ups')
@Controller('api/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUps) {}

  @Get()
  @ApiOperation({ summary: 'Promises and check-ins still owed, the earliest due first' })
  async list(@Query() query: ListFollowUpsQuery) {
    const rows = await this.followUps.list(query.when ?? 'due');
    return {
      items: rows.map((f) => ({
        id: f.id,
        caseId: f.caseId,
        kind: f.kind,
        phrase: f.phrase,
        dueAt: f.dueAt.toISOString(),
        overdue: f.overdue,
      })),
    };
  }
}
