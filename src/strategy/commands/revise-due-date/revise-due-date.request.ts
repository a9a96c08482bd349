import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class ReviseDueDateRequest {
  @ApiProperty({ format: 'date', example: '2025-03-31' })
  @IsIsoDate()
  newDueDate!: string;

  @ApiProperty({
    description: 'Why the date moves; the baseline date is kept beside it',
    example: 'Consultation extended by Cabinet',
  })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @EffectiveOn('The day the due date was revised: not before it was last set', '2019-07-12')
  effectiveOn?: string;
}
