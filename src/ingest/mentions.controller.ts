import { Controller, Get, Query } from '@nestjs/common';
import { ListMentionsQuery } from './dto/list-mentions.query';
import { MentionPage, MentionsService } from './mentions.service';

@Controller('api/mentions')
export class MentionsController {
  constructor(private readonly mentions: MentionsService) {}

  @Get()
  list(@Query() query: ListMentionsQuery): Promise<MentionPage> {
    return this.mentions.list(query);
  }
}
