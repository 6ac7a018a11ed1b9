import { Controller, Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CatsService } from './cats.service.js';

@Controller({ path: 'cats', version: '2' })
export class CatsV2Controller {
  constructor(private readonly cats: CatsService) {}

  @Get()
  @ApiOperation({ summary: 'List cats (v2: names only)' })
  names() {
    return { names: this.cats.list().map((cat) => cat.name) };
  }
}
