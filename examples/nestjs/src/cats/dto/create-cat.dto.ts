import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class CreateCatDto {
  @ApiProperty({ description: 'The name of the cat', minLength: 2 })
  @IsString()
  @MinLength(2)
  name!: string;

  @ApiProperty({ minimum: 0, maximum: 30 })
  @IsInt()
  @Min(0)
  @Max(30)
  age!: number;
}
