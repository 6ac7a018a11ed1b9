import { McpTool } from '@backend2mcp/nestjs';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestContext } from '../common/request-context.js';
import { Roles, RolesGuard } from '../common/roles.js';
import { Cat, CatPage } from './cat.entity.js';
import { CatNotFoundFilter } from './cat-not-found.filter.js';
import { CatsService } from './cats.service.js';
import { CreateCatDto } from './dto/create-cat.dto.js';
import { ListCatsQuery } from './dto/list-cats.query.js';

@ApiTags('cats')
@Controller({ path: 'cats', version: '1' })
@UseGuards(RolesGuard)
@UseFilters(CatNotFoundFilter)
export class CatsController {
  constructor(
    private readonly cats: CatsService,
    private readonly context: RequestContext,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cats', description: 'The cats of the shelter, up to `limit`.' })
  @ApiResponse({ status: 200, type: CatPage })
  list(@Query() query: ListCatsQuery): CatPage {
    return { items: this.cats.list(query.limit), tenant: this.context.tenant };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a cat' })
  @ApiResponse({ status: 200, type: Cat })
  get(@Param('id', ParseIntPipe) id: number): Cat {
    return this.cats.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Adopt a cat' })
  @ApiResponse({ status: 201, type: Cat })
  create(@Body() dto: CreateCatDto): Cat {
    return this.cats.create(dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @McpTool({ description: 'Remove a cat from the shelter (admins only: send an admin bearer token).' })
  remove(@Param('id', ParseIntPipe) id: number): void {
    this.cats.remove(id);
  }
}
