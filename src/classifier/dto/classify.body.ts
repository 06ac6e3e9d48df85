import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ClassifyBody {
  @IsString({ message: 'text must be a string' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(20_000, { message: 'text must be at most 20000 characters' })
  text!: string;

  /** The language the post declares (used only when detection is unsure), e.g. "fr". */
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, { message: 'language must be a language code such as "en"' })
  language?: string;
}
