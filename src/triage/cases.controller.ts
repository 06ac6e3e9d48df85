import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, RequireRole } from '../access/access.decorators';
import { Principal } from '../access/principal';
import { CaseActions } from './case-actions.service';
import { CaseQueries } from './case-queries';
import {
  AssignBody,
  CompensationBody,
  EscalateBody,
  FollowUpDoneBody,
  NoteBody,
  ReplyBody,
  ReplyTextBody,
  StatusBody,
  TagsBody,
  WaiveBody,
} from './dto/case-action.bodies';
import { ListCasesQuery } from './dto/list-cases.query';
import { FollowUps } from './follow-ups.service';
import { ReplyGate } from './reply-gate';

/** A path id that is not a whole number names nothing: 404, like an id that does not exist. */
const idOf = (what: string) =>
  new ParseIntPipe({ exceptionFactory: (error) => new NotFoundException(`no ${what} "${error}"`) });
const caseId = idOf('case');
const followUpIdPipe = idOf('follow-up');

@ApiTags('cases')
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly actions: CaseActions,
    private readonly followUps: FollowUps,
    private readonly gate: ReplyGate,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The queue: cases by priority (default: open ones), with filters and cursor paging',
  })
  list(@Query() query: ListCasesQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One case: thread, history, follow-ups, compensation, author history and reply drafts',
  })
  @ApiNotFoundResponse()
  get(@Param('id', caseId) id: number) {
    return this.queries.detail(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiNotFoundResponse()
  async assign(@Param('id', caseId) id: number, @Body() body: AssignBody, @CurrentUser() me: Principal) {
    await this.actions.assign(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the case along; 409 names the allowed moves. "dismissed" also corrects the classifier',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The move is not allowed from the current status, or follow-ups are pending',
  })
  async status(@Param('id', caseId) id: number, @Body() body: StatusBody, @CurrentUser() me: Principal) {
    await this.actions.changeStatus(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @ApiNotFoundResponse()
  async note(@Param('id', caseId) id: number, @Body() body: NoteBody, @CurrentUser() me: Principal) {
    await this.actions.addNote(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/tags')
  @HttpCode(200)
  @ApiNotFoundResponse()
  async tags(@Param('id', caseId) id: number, @Body() body: TagsBody, @CurrentUser() me: Principal) {
    await this.actions.setTags(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/compensation')
  @HttpCode(200)
  @ApiNotFoundResponse()
  async compensation(
    @Param('id', caseId) id: number,
    @Body() body: CompensationBody,
    @CurrentUser() me: Principal,
  ) {
    await this.actions.addCompensation(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @ApiNotFoundResponse()
  async escalate(@Param('id', caseId) id: number, @Body() body: EscalateBody, @CurrentUser() me: Principal) {
    await this.actions.escalate(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark replied with the text actually sent: promised times become follow-ups',
    description:
      'On a case held for review, only the text a reviewer approved last is accepted (409 otherwise). ' +
      'The text is then checked before sending; with findings it is refused with 422 and the findings, ' +
      'unless "confirm": true, which records it with the findings in the history.',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'The case cannot be replied to from its status, or it is held for review and this text is not approved',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The check before sending found problems: { message, findings: [{ rule, message }] }',
  })
  async reply(@Param('id', caseId) id: number, @Body() body: ReplyBody, @CurrentUser() me: Principal) {
    await this.followUps.markReplied(id, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/reply/check')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The check before sending, for a text being written: { findings: [{ rule, message }] }; changes nothing',
  })
  @ApiOkResponse({
    description: '{ "findings": [{ "rule": "too-long", "message": "It is 312 characters…" }] }',
  })
  @ApiNotFoundResponse()
  async checkReply(@Param('id', caseId) id: number, @Body() body: ReplyTextBody) {
    return { findings: await this.gate.check(id, body.text) };
  }

  @Post(':id/review/approve')
  @HttpCode(200)
  @RequireRole('reviewer')
  @ApiOperation({
    summary:
      'Approve the reply of a case held for review (reviewer or admin); the approval and its text go into the history',
    description:
      'Only the latest approval counts: the case can then be marked replied with exactly this text.',
  })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Needs the reviewer role (or admin)' })
  @ApiConflictResponse({ description: 'The case needs no review, or cannot be replied to from its status' })
  async approve(@Param('id', caseId) id: number, @Body() body: ReplyTextBody, @CurrentUser() me: Principal) {
    await this.gate.approve(id, body.text, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/follow-ups/:followUpId/done')
  @HttpCode(200)
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async done(
    @Param('id', caseId) id: number,
    @Param('followUpId', followUpIdPipe) followUpId: number,
    @Body() body: FollowUpDoneBody,
    @CurrentUser() me: Principal,
  ) {
    await this.followUps.complete(id, followUpId, body, me.email);
    return this.queries.detail(id);
  }

  @Post(':id/follow-ups/:followUpId/waive')
  @HttpCode(200)
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async waive(
    @Param('id', caseId) id: number,
    @Param('followUpId', followUpIdPipe) followUpId: number,
    @Body() body: WaiveBody,
    @CurrentUser() me: Principal,
  ) {
    await this.followUps.waive(id, followUpId, body, me.email);
    return this.queries.detail(id);
  }
}
