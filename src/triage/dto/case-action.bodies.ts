import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { COMPENSATION_KINDS, CompensationKind } from '../entities/compensation.entity';
import { CASE_STATUSES, CaseStatus } from '../status/case-status';

export class AssignBody {
  @ApiProperty({
    nullable: true,
    description: 'The person who owns the case; null to unassign',
    maxLength: 100,
  })
  @ValidateIf((_o, v) => v !== null)
  @IsString({ message: 'owner must be a string or null' })
  @IsNotEmpty({ message: 'owner must not be empty (use null to unassign)' })
  @MaxLength(100)
  owner!: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The team; left as it is when omitted', maxLength: 64 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString({ message: 'team must be a string or null' })
  @MaxLength(64)
  team?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000)
  note?: string;
}

export class StatusBody {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status!: CaseStatus;

  @ApiPropertyOptional({ description: 'Why; kept in the history', maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000)
  note?: string;
}

export class NoteBody {
  @ApiProperty({ maxLength: 5000 })
  @IsString({ message: 'text must be a string' })
  @IsNotEmpty({ message: 'text must not be empty' })
  @MaxLength(5000)
  text!: string;
}

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

export class TagsBody {
  @ApiPropertyOptional({ type: [String], example: ['refund-asked'] })
  @IsOptional()
  @IsArray({ message: 'add must be a list of tags' })
  @ArrayMaxSize(20)
  @Matches(TAG, {
    each: true,
    message: 'add must hold tags of letters, digits, "-", "_" or spaces (up to 40)',
  })
  add?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'remove must be a list of tags' })
  @ArrayMaxSize(20)
  @Matches(TAG, {
    each: true,
    message: 'remove must hold tags of letters, digits, "-", "_" or spaces (up to 40)',
  })
  remove?: string[];
}

export class CompensationBody {
  @ApiProperty({ enum: COMPENSATION_KINDS })
  @IsIn(COMPENSATION_KINDS, { message: `kind must be one of ${COMPENSATION_KINDS.join(', ')}` })
  kind!: CompensationKind;

  @ApiProperty({ example: 25.5, description: 'In the currency, e.g. 25.50 for EUR 25.50' })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'amount must be a number' })
  @Min(0, { message: 'amount must be 0 or more' })
  amount!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be an ISO 4217 code such as "EUR"' })
  currency!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000)
  note?: string;
}

export class EscalateBody {
  @ApiPropertyOptional({ maxLength: 64 })
  @ValidateIf((o: EscalateBody) => o.team !== undefined || o.owner === undefined)
  @IsString({ message: 'team must be a string (give a team, an owner or both)' })
  @IsNotEmpty({ message: 'team must not be empty' })
  @MaxLength(64)
  team?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'owner must be a string' })
  @IsNotEmpty({ message: 'owner must not be empty' })
  @MaxLength(100)
  owner?: string;

  @ApiProperty({ description: 'Why it goes up the chain', maxLength: 2000 })
  @IsString({ message: 'reason must be a string' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;
}

export class ReplyBody {
  @ApiProperty({ description: 'The public reply exactly as it was sent', maxLength: 40000 })
  @IsString({ message: 'text must be a string' })
  @IsNotEmpty({ message: 'text must not be empty' })
  @MaxLength(40000)
  text!: string;

  @ApiPropertyOptional({ description: 'When it was sent; now when omitted', example: '2026-11-22T10:15:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'sentAt must be an ISO-8601 time, e.g. 2026-11-22T10:15:00Z' })
  sentAt?: string;

  @ApiPropertyOptional({
    description:
      'Record it even though the check before sending found problems (they are kept in the history with the reply). ' +
      'Without it, a text with findings is answered 422 with the findings.',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirm must be true or false' })
  confirm?: boolean;
}

/** A reply text to check or approve: the text exactly as it would be posted. */
export class ReplyTextBody {
  @ApiProperty({ description: 'The public reply as it would be posted', maxLength: 40000 })
  @IsString({ message: 'text must be a string' })
  @Matches(/\S/, { message: 'text must not be empty' })
  @MaxLength(40000)
  text!: string;
}

export class FollowUpDoneBody {
  @ApiPropertyOptional({ description: 'How it was done', maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000)
  note?: string;
}

export class WaiveBody {
  @ApiProperty({ description: 'Why no follow-up is needed', maxLength: 2000 })
  @IsString({ message: 'reason must be a string' })
  @IsNotEmpty({ message: 'reason must not be empty: say why the follow-up is waived' })
  @MaxLength(2000)
  reason!: string;
}
