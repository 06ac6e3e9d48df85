import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTokens } from './api-tokens.service';
import { CurrentUser, RequireRole } from '../access/access.decorators';
import { NewTokenBody } from './auth.bodies';
import { Principal } from '../access/principal';

const tokenId = new ParseIntPipe({ exceptionFactory: () => new NotFoundException('no such API token') });

/** Each user's own personal API tokens; a viewer's token can only read. */
@ApiTags('tokens')
@Controller('api/tokens')
@RequireRole('viewer')
export class TokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Post()
  @ApiOperation({ summary: 'Create a personal API token; the token is shown in this response only' })
  create(@CurrentUser() me: Principal, @Body() body: NewTokenBody) {
    return this.tokens.create(me.id, body.name);
  }

  @Get()
  @ApiOperation({ summary: 'Your API tokens (names and dates, never the tokens)' })
  async list(@CurrentUser() me: Principal) {
    return { items: await this.tokens.list(me.id) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  async revoke(@CurrentUser() me: Principal, @Param('id', tokenId) id: number): Promise<void> {
    await this.tokens.revoke(me.id, id);
  }
}
