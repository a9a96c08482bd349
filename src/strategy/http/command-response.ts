import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '../../common/domain/actor.js';

export class CommandResultResponse implements CommandResult {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The new version; send it as If-Match with your next change', example: 4 })
  version!: number;
  @ApiProperty({
    description: 'Send as X-Consistent-After on a later GET to read this write',
    example: '1043.2871',
  })
  position!: string;
}
