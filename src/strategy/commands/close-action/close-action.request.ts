import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class CompleteActionRequest {
  @ApiProperty({
    description: 'What was delivered',
    example: 'Forum running quarterly; terms of reference agreed.',
  })
  @IsNotEmpty({ message: 'summary must not be empty' })
  @IsString()
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day it was completed, which is the day the completion takes effect: today or earlier, not before its last change. Defaults to today.',
    example: '2024-06-01',
  })
  @IsOptional()
  @IsIsoDate()
  completedOn?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Required when completed after the due date',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class ReasonRequest {
  @ApiProperty({ example: 'Superseded by the new Community Cohesion programme' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @EffectiveOn('The day it was cancelled, deferred or reopened', '2024-06-01')
  effectiveOn?: string;
}

export class DeferActionRequest extends ReasonRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The date it is deferred to, after the day it is deferred',
    example: '2025-04-01',
  })
  @IsOptional()
  @IsIsoDate()
  until?: string | null;
}
