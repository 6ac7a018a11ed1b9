import { Module } from '@nestjs/common';
import { RequestContext } from '../common/request-context.js';
import { CatsController } from './cats.controller.js';
import { CatsService } from './cats.service.js';
import { CatsV2Controller } from './cats-v2.controller.js';

@Module({ controllers: [CatsController, CatsV2Controller], providers: [CatsService, RequestContext] })
export class CatsModule {}
