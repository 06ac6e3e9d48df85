import { Body, Controller, HttpCode, NotFoundException, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRole } from '../../access/access.decorators';
import { Principal } from '../../access/principal';
import { MarkComplaintBody } from '../dto/mark-complaint.body';
import { MarkedComplaint, MentionCases } from './mention-case.service';

const mentionId = new ParseIntPipe({
  exceptionFactory: (error) => new NotFoundException(`no mention "${error}"`),
});

@ApiTags('mentions')
@Controller('api/mentions')
export class MentionCaseController {
  constructor(private readonly mentionCases: MentionCases) {}

  @Post(':id/case')
  @HttpCode(201)
  @RequireRole('agent')
  @ApiOperation({
    summary:
      '"This is a complaint": records the correction and opens a case for the post (or joins its author\'s open case)',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the post is already in an open case' })
  markComplaint(
    @Param('id', mentionId) id: number,
    @Body() body: MarkComplaintBody,
    @CurrentUser() me: Principal,
  ): Promise<MarkedComplaint> {
    return this.mentionCases.markComplaint(id, body, me.email);
  }
}
