import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
  IsNotEmpty,
} from 'class-validator';
import { EffectiveOn } from '../../http/effective-on.js';
import { MilestoneRequest } from '../add-milestone/add-milestone.request.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class PartnerOrganisationRequest {
  @ApiProperty({ example: 'Voluntary Action Leicester' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'org-id.guide identifier', example: 'GB-CHC-1084520' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  orgId?: string;
}

export class PlanActionRequest {
  @ApiProperty({ example: 'A3.2', description: 'A, the pledge number, a dot, a number' })
  @IsNotEmpty({ message: 'reference must not be empty' })
  @IsString()
  @MaxLength(10)
  reference!: string;

  @ApiProperty({ example: 'Work with key groups in all council wards' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(300)
  title!: string;

  @ApiProperty()
  @IsNotEmpty({ message: 'description must not be empty' })
  @IsString()
  @MaxLength(5000)
  description!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  leadOfficerId!: string;

  @ApiPropertyOptional({ type: [PartnerOrganisationRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerOrganisationRequest)
  partners?: PartnerOrganisationRequest[];

  @ApiProperty({ format: 'date', example: '2024-01-01' })
  @IsIsoDate()
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2024-12-31' })
  @IsIsoDate()
  dueDate!: string;

  @ApiPropertyOptional({ type: [MilestoneRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneRequest)
  milestones?: MilestoneRequest[];

  @EffectiveOn('The day the action was planned: not before its pledge was made', '2019-02-25')
  effectiveOn?: string;
}
