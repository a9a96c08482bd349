import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';

export class AddThemeRequest {
  @ApiProperty({ example: 'Communication and engagement' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @EffectiveOn('The day the theme was added', '2019-01-21')
  effectiveOn?: string;
}

export class ReorderThemesRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every theme id, in the new order' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  themeIds!: string[];

  @EffectiveOn('The day the new order took effect')
  effectiveOn?: string;
}
