import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { PLEDGE_OUTCOMES, type PledgeOutcome } from '../../domain/values.js';
import { EffectiveOn } from '../../http/effective-on.js';

export class PledgeReasonRequest {
  @ApiProperty({ example: 'Delivered through the ward partnership programme' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @EffectiveOn('The day it was concluded, withdrawn or reinstated: not before the pledge last changed')
  effectiveOn?: string;
}

export class ConcludePledgeRequest extends PledgeReasonRequest {
  @ApiProperty({ enum: PLEDGE_OUTCOMES })
  @IsIn(PLEDGE_OUTCOMES)
  outcome!: PledgeOutcome;
}
