import { describeAuth } from '@backend2mcp/test-support';
import { nestAuthFixture } from './fixtures/auth-app.js';

describeAuth('nest (express platform)', nestAuthFixture('express'));
describeAuth('nest (fastify platform)', nestAuthFixture('fastify'));
