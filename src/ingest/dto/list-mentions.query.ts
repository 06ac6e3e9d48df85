import { IsInstant } from '../../time/is-instant';
import { Transform, Type } from 'class-transformer';
import { CATEGORY_IDS } from '../../classifier/classifier.types';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MENTION_SOURCES = ['feed', 'mastodon', 'bluesky', 'reddit', 'hackernews'] as const;

export class ListMentionsQuery {
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]*$/, { message: 'brand must be a brand id such as "acme"' })
  brand?: string;

  @IsOptional()
  @IsIn(MENTION_SOURCES, { message: `source must be one of ${MENTION_SOURCES.join(', ')}` })
  source?: string;

  /** true: only angry posts and complaints; false: only the others. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'angry must be true or false' })
  angry?: boolean;

  @IsOptional()
  @IsIn(CATEGORY_IDS, { message: `category must be one of ${CATEGORY_IDS.join(', ')}` })
  category?: string;

  /** Only mentions posted at or after this time. */
  @IsOptional()
  @IsInstant('since')
  since?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  /** Opaque: the nextCursor of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
