import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { ISO_DATE_PATTERN } from '../../http/request-rules.js';

export class DraftStrategyRequest {
  @ApiProperty({ example: 'Voluntary, community and social enterprise engagement strategy' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ format: 'date', example: '2023-11-01' })
  @Matches(ISO_DATE_PATTERN, { message: 'periodStart must be a date written YYYY-MM-DD' })
  periodStart!: string;

  @ApiProperty({ format: 'date', example: '2027-03-31' })
  @Matches(ISO_DATE_PATTERN, { message: 'periodEnd must be a date written YYYY-MM-DD' })
  periodEnd!: string;

  @EffectiveOn('The day the strategy was drafted', '2019-01-21')
  effectiveOn?: string;
}
