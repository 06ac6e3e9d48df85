import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ListMentionsQuery } from './dto/list-mentions.query';
import { MentionPage, MentionsService, MentionView } from './mentions.service';

@Controller('api/mentions')
export class MentionsController {
  constructor(private readonly mentions: MentionsService) {}

  @Get()
  list(@Query() query: ListMentionsQuery): Promise<MentionPage> {
    return this.mentions.list(query);
  }

  @Get(':id')
  one(
    @Param('id', new ParseIntPipe({ exceptionFactory: (e) => new NotFoundException(`no mention "${e}"`) }))
    id: number,
  ): Promise<MentionView> {
    return this.mentions.one(id);
  }
}
