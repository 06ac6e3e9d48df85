import { IsString, MaxLength, MinLength } from 'class-validator';

export class ClassifyBody {
  @IsString({ message: 'text must be a string' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(20_000, { message: 'text must be at most 20000 characters' })
  text!: string;
}
