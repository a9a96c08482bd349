import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsNotEmpty,
} from 'class-validator';
import { RAGS, type Rag } from '../../domain/values.js';
import { IsIsoDate } from '../../../common/http/formats.js';

export class EvidenceLinkRequest {
  @ApiProperty({ example: 'Minutes of the VCSE forum, 3 March 2024' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'https://www.leicester.gov.uk/vcse-forum-minutes.pdf' })
  @IsNotEmpty({ message: 'url must not be empty' })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

export class LogActionProgressRequest {
  @ApiProperty({
    description: 'What has happened since the last update',
    example: 'Forum met; 42 organisations attended.',
  })
  @IsNotEmpty({ message: 'narrative must not be empty' })
  @IsString()
  @MaxLength(5000)
  narrative!: string;

  @ApiProperty({ enum: RAGS })
  @IsIn(RAGS)
  rag!: Rag;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Required when the RAG status changes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  ragJustification?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percentComplete!: number;

  @ApiPropertyOptional({ type: [EvidenceLinkRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkRequest)
  evidence?: EvidenceLinkRequest[];

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day this update describes: today or earlier, not before the action was planned (or last reopened). Defaults to today.',
    example: '2024-03-03',
  })
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;
}
