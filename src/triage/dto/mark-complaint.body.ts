import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Category, CATEGORY_IDS } from '../../classifier/classifier.types';

/** "This is a complaint": a post the classifier passed as calm, opened as a case by a person. */
export class MarkComplaintBody {
  /** What the complaint is about; the classifier's category when left out. */
  @IsOptional()
  @IsIn(CATEGORY_IDS, { message: `category must be one of ${CATEGORY_IDS.join(', ')}` })
  category?: Category;

  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string;
}
