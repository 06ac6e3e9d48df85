import { BadRequestException, Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RequireRole } from '../access/access.decorators';
import { PasswordHasher } from './password-hasher';
import { Role, ROLES } from '../access/roles';
import { UsersService } from './users.service';

export class NewUserBody {
  @ApiProperty({ example: 'jo@acme.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString({ message: 'password must be a string' })
  password!: string;
}

/** Managing who signs in: admins only. */
@ApiTags('users')
@Controller('api/users')
@RequireRole('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Everyone who can sign in, with their role' })
  async list() {
    return { items: await this.users.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Add a user; 409 when the email is taken' })
  add(@Body() body: NewUserBody) {
    const problem = PasswordHasher.problemWith(body.password);
    if (problem) throw new BadRequestException(problem);
    return this.users.add(body);
  }
}
