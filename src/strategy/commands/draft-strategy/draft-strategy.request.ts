import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { IsIsoDate } from '../../../common/http/formats.js';

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
  @IsIsoDate()
  periodStart!: string;

  @ApiProperty({ format: 'date', example: '2027-03-31' })
  @IsIsoDate()
  periodEnd!: string;

  @EffectiveOn('The day the strategy was drafted', '2019-01-21')
  effectiveOn?: string;
}
