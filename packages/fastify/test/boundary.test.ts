import { describeRouteBoundary } from '@backend2mcp/test-support';
import { fastifyBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('fastify', fastifyBoundaryFixture);
