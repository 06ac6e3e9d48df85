import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignInBody {
  @ApiProperty({ example: 'jo@acme.example' })
  @IsString({ message: 'email must be a string' })
  @IsNotEmpty({ message: 'email must not be empty' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString({ message: 'password must be a string' })
  @IsNotEmpty({ message: 'password must not be empty' })
  @MaxLength(1000)
  password!: string;
}

export class NewTokenBody {
  @ApiProperty({ description: 'What the token is for, e.g. "nightly export"', maxLength: 100 })
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;
}
