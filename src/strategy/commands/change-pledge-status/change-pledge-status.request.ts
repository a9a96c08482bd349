import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { PLEDGE_OUTCOMES, type PledgeOutcome } from '../../domain/values.js';

export class PledgeReasonRequest {
  @ApiProperty({ example: 'Delivered through the ward partnership programme' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class ConcludePledgeRequest extends PledgeReasonRequest {
  @ApiProperty({ enum: PLEDGE_OUTCOMES })
  @IsIn(PLEDGE_OUTCOMES)
  outcome!: PledgeOutcome;
}
