import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';

export class PledgeDetailsRequest {
  @ApiProperty({ example: 'Communicate with the sector more effectively' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(300)
  title!: string;

  @ApiProperty()
  @IsNotEmpty({ message: 'description must not be empty' })
  @IsString()
  @MaxLength(5000)
  description!: string;

  @ApiPropertyOptional({ type: [String], example: ['Listen before deciding'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  principles?: string[];

  @ApiProperty({ description: 'Who leads the pledge', example: 'Assistant City Mayor for Communities' })
  @IsNotEmpty({ message: 'lead must not be empty' })
  @IsString()
  @MaxLength(200)
  lead!: string;
}

export class MakePledgeRequest extends PledgeDetailsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  themeId!: string;

  @ApiProperty({ example: 'P3' })
  @IsNotEmpty({ message: 'reference must not be empty' })
  @IsString()
  @MaxLength(10)
  reference!: string;

  @EffectiveOn('The day the pledge was made: not before its strategy was drafted nor its theme added')
  effectiveOn?: string;
}
