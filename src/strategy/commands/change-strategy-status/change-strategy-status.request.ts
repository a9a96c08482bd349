import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, IsNotEmpty } from 'class-validator';
import { ISO_DATE_PATTERN } from '../../http/request-rules.js';

export class AdoptStrategyRequest {
  @ApiProperty({ format: 'date', example: '2023-11-14' })
  @Matches(ISO_DATE_PATTERN, { message: 'adoptedOn must be a date written YYYY-MM-DD' })
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
}
