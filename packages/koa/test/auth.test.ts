import { describeAuth } from '@backend2mcp/test-support';
import { koaAuthFixture } from './fixtures/auth-app.js';

describeAuth('koa', koaAuthFixture);
