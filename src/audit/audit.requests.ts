import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsWholeNumber } from '../common/http/formats.js';

const SIZE = { type: 'integer', format: 'int64', minimum: 1 } as const;

export class TreeHeadsQuery {
  @ApiPropertyOptional({ ...SIZE, minimum: 0, description: 'Only tree heads larger than this size' })
  @IsOptional()
  @IsWholeNumber({ min: 0n })
  after?: bigint;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'At most this many',
  })
  @IsOptional()
  @IsWholeNumber({ min: 1n, max: 1000n })
  limit?: bigint;
}

export class InclusionProofQuery {
  @ApiPropertyOptional({
    ...SIZE,
    description: 'The size of a signed tree head; the latest when absent',
    example: 1000,
  })
  @IsOptional()
  @IsWholeNumber({ min: 1n })
  treeSize?: bigint;
}

export class ConsistencyProofQuery {
  @ApiProperty({ ...SIZE, description: 'The smaller signed tree size', example: 1000 })
  @IsWholeNumber({ min: 1n })
  first!: bigint;

  @ApiProperty({ ...SIZE, description: 'The larger signed tree size', example: 2000 })
  @IsWholeNumber({ min: 1n })
  second!: bigint;
}
