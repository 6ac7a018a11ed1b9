import { describeReliability } from '@backend2mcp/test-support';
import { koaReliability } from './fixtures/reliability-app.js';

describeReliability('koa', koaReliability);
