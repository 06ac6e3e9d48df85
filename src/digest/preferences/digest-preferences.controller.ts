import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { CurrentUser, RequireRole } from '../../access/access.decorators';
import { Principal } from '../../access/principal';
import { DigestChoice, DigestPreferences } from './digest-preferences.service';

export class DigestChoiceBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Local hour at which the digest goes out' })
  @IsOptional()
  @IsInt({ message: 'hour must be a whole number from 0 to 23' })
  @Min(0, { message: 'hour must be a whole number from 0 to 23' })
  @Max(23, { message: 'hour must be a whole number from 0 to 23' })
  hour?: number;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptional()
  @IsString({ message: 'timeZone must be a string' })
  timeZone?: string;

  @ApiPropertyOptional({ nullable: true, type: [String], description: 'Brand ids; null for every brand' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsArray({ message: 'brands must be a list of brand ids, or null' })
  @IsString({ each: true, message: 'brands must be a list of brand ids, or null' })
  brands?: string[] | null;

  @ApiPropertyOptional({ description: 'Send a short "all quiet" digest on days with nothing to report' })
  @IsOptional()
  @IsBoolean({ message: 'sendQuiet must be true or false' })
  sendQuiet?: boolean;
}

/** Each user's own digest settings: any role may choose when and about what they hear. */
@ApiTags('digest')
@Controller('api/me/digest')
@RequireRole('viewer')
export class DigestPreferencesController {
  constructor(private readonly preferences: DigestPreferences) {}

  @Get()
  @ApiOperation({ summary: 'Your digest settings (the defaults until you change them)' })
  get(@CurrentUser() me: Principal): Promise<DigestChoice> {
    return this.preferences.of(me.id);
  }

  @Put()
  @ApiOperation({ summary: 'Change your digest settings: hour, timeZone, brands, enabled, sendQuiet' })
  set(@CurrentUser() me: Principal, @Body() body: DigestChoiceBody): Promise<DigestChoice> {
    return this.preferences.set(me.id, body);
  }
}
