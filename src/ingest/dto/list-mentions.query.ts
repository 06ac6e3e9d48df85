import { IsInstant } from '../../time/is-instant';
import { Transform, Type } from 'class-transformer';
import { CATEGORY_IDS } from '../../classifier/classifier.types';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { POST_SOURCES } from '../../sources/source.types';

export class ListMentionsQuery {
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]*$/, { message: 'brand must be a brand id such as "acme"' })
  brand?: string;

  @IsOptional()
  @IsIn(POST_SOURCES, { message: `source must be one of ${POST_SOURCES.join(', ')}` })
  source?: string;

  /** true: only angry posts and complaints; false: only the others. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'angry must be true or false' })
  angry?: boolean;

  /** The post's language as its source declared it (ISO 639-1, e.g. "en"); "none" for posts without one. */
  @IsOptional()
  @Matches(/^([a-z]{2,3}|none)$/, { message: 'language must be a language code such as "en", or "none"' })
  language?: string;

  /** Only posts the classifier scored at least this (0..1). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'minScore must be a number from 0 to 1' })
  @Min(0, { message: 'minScore must be a number from 0 to 1' })
  @Max(1, { message: 'minScore must be a number from 0 to 1' })
  minScore?: number;

  /** Only posts the classifier scored below this (0..1): "the calm ones just under the line". */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'maxScore must be a number from 0 to 1' })
  @Min(0, { message: 'maxScore must be a number from 0 to 1' })
  @Max(1, { message: 'maxScore must be a number from 0 to 1' })
  maxScore?: number;

  /** true: only posts in a case (any status); false: only posts no case holds. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'hasCase must be true or false' })
  hasCase?: boolean;

  /** Words the post's text or author contains (case-insensitive). */
  @IsOptional()
  @IsString()
  @MinLength(2, { message: 'q must be at least 2 characters' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

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
