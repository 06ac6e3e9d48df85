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
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { CaseActions } from './case-actions.service';
import { CaseQueries } from './case-queries';
import {
  AssignBody,
  CompensationBody,
  EscalateBody,
  FollowUpDoneBody,
  NoteBody,
  ReplyBody,
  StatusBody,
  TagsBody,
  WaiveBody,
} from './dto/case-action.bodies';
import { ListCasesQuery } from './dto/list-cases.query';
import { FollowUps } from './follow-ups.service';

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
  @ApiOperation({ summary: 'Mark replied with the text actually sent: promised times become follow-ups' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async reply(@Param('id', caseId) id: number, @Body() body: ReplyBody, @CurrentUser() me: Principal) {
    await this.followUps.markReplied(id, body, me.email);
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
