import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORY_IDS } from '../../classifier/classifier.types';
import { POST_SOURCES } from '../../sources/source.types';
import { CASE_STATUSES } from '../status/case-status';

export const CASE_SORTS = ['priority', 'newest', 'oldest', 'sla'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

const STATUS_FILTER = new RegExp(
  `^(?:open|all|(?:${CASE_STATUSES.join('|')})(?:,(?:${CASE_STATUSES.join('|')}))*)$`,
);

export class ListCasesQuery {
  @ApiPropertyOptional({
    description: `"open" (default: ${'new, in_progress, replied, awaiting_follow_up'}), "all", or statuses separated by commas`,
    example: 'new,in_progress',
  })
  @IsOptional()
  @Matches(STATUS_FILTER, {
    message: `status must be "open", "all" or a comma-separated list of ${CASE_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({
    description:
      'Only these cases (ids separated by commas, at most 200): the page fetches the ones that just arrived',
    example: '12,15',
  })
  @IsOptional()
  @Matches(/^\d{1,12}(?:,\d{1,12}){0,199}$/, {
    message: 'ids must be up to 200 case ids separated by commas',
  })
  ids?: string;

  @ApiPropertyOptional({ example: 'acme' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]*$/, { message: 'brand must be a brand id such as "acme"' })
  brand?: string;

  @ApiPropertyOptional({ enum: CATEGORY_IDS })
  @IsOptional()
  @IsIn(CATEGORY_IDS, { message: `category must be one of ${CATEGORY_IDS.join(', ')}` })
  category?: string;

  @ApiPropertyOptional({ description: 'An owner, or "none" for unassigned cases' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  team?: string;

  @ApiPropertyOptional({ enum: POST_SOURCES })
  @IsOptional()
  @IsIn(POST_SOURCES, { message: `source must be one of ${POST_SOURCES.join(', ')}` })
  source?: string;

  @ApiPropertyOptional({
    description: 'true: only cases past their first-response target or with a follow-up past due',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Text search in the posts of the thread and the author' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: 'priority' })
  @IsOptional()
  @IsIn(CASE_SORTS, { message: `sort must be one of ${CASE_SORTS.join(', ')}` })
  sort?: CaseSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
