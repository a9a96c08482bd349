import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class MilestoneRequest {
  @ApiProperty({ example: 'Ward partnership map agreed' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ format: 'date', example: '2024-03-31' })
  @IsIsoDate()
  dueDate!: string;
}

/** A milestone added to an action already planned (those in a plan take effect with the plan). */
export class AddMilestoneRequest extends MilestoneRequest {
  @EffectiveOn('The day the milestone was added', '2019-04-01')
  effectiveOn?: string;
}
