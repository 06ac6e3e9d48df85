import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Category, CATEGORY_IDS } from '../classifier.types';

/** The right answer for a mention the classifier got wrong. */
export class LabelBody {
  @IsBoolean({ message: 'angry must be true or false' })
  angry!: boolean;

  @IsOptional()
  @IsIn(CATEGORY_IDS, { message: `category must be one of ${CATEGORY_IDS.join(', ')}` })
  category?: Category;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
