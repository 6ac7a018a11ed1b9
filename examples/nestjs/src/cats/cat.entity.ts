import { ApiProperty } from '@nestjs/swagger';

export class Cat {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Tom' }) name!: string;
  @ApiProperty({ example: 3 }) age!: number;
}

export class CatPage {
  @ApiProperty({ type: [Cat] }) items!: Cat[];
  @ApiProperty({ description: 'The tenant the request-scoped context read from x-tenant' }) tenant!: string;
}
