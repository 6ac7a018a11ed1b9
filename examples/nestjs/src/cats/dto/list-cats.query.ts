import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class ListCatsQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'At most this many cats' })
  @IsOptional()
  @IsInt()
  @Min(1)
  limit?: number;
}
