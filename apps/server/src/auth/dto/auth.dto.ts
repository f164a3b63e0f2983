import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LOGIN_ROLES, USERNAME_PATTERN, type Role } from '@shuangsui/domain';

export class LoginDto {
  @ApiProperty({ example: 'planner' })
  @IsString()
  @MaxLength(128)
  username!: string;

  @ApiProperty({ example: 'correct-horse-battery' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The current (or one-time) password' })
  @IsString()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters' })
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'insp-001', description: "An inspector's account is named by the inspector id" })
  @Matches(USERNAME_PATTERN)
  username!: string;

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;

  @ApiProperty({ enum: LOGIN_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(LOGIN_ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ description: 'Initial password; the person must change it at first sign-in' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class RoleDto {
  @ApiProperty({ enum: LOGIN_ROLES })
  @IsIn(LOGIN_ROLES)
  role!: Role;
}

export class DisableAccountDto {
  @ApiProperty({ example: '调离本单位' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'A new initial password, to be changed at next sign-in' })
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}
