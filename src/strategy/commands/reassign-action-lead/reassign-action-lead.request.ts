import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';

export class ReassignActionLeadRequest {
  @ApiProperty({ format: 'uuid', description: 'An officer or admin' })
  @IsUUID()
  leadOfficerId!: string;

  @ApiProperty({ example: 'Officer moved to the Adult Social Care team' })
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @EffectiveOn('The day the new lead took over: not before the lead was last set')
  effectiveOn?: string;
}
