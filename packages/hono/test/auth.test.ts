import { describeAuth } from '@backend2mcp/test-support';
import { honoAuthFixture } from './fixtures/auth-app.js';

describeAuth('hono', honoAuthFixture);
