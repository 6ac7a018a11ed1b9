import { describeAuth } from '@backend2mcp/test-support';
import { fastifyAuthFixture } from './fixtures/auth-app.js';

describeAuth('fastify', fastifyAuthFixture);
