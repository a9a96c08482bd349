import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class AdoptStrategyRequest {
  @ApiProperty({
    format: 'date',
    description:
      'The day it was adopted, which is the day the adoption takes effect: today or earlier, and not before the strategy was drafted nor before its first theme',
    example: '2019-02-18',
  })
  @IsIsoDate()
  adoptedOn!: string;

  @ApiPropertyOptional({ description: 'The executive decision that adopted it', example: 'CM/2023/117' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionReference?: string;
}

export class StrategyReasonRequest {
  @ApiProperty({ example: 'Annual review requested by the scrutiny commission' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @EffectiveOn('The day it was put under review, or closed', '2019-12-09')
  effectiveOn?: string;
}
