import { describeRouteBoundary } from '@backend2mcp/test-support';
import { nestBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('nest (express platform)', nestBoundaryFixture('express'));
describeRouteBoundary('nest (fastify platform)', nestBoundaryFixture('fastify'));
