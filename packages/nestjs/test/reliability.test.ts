import { describeReliability } from '@backend2mcp/test-support';
import { nestReliability } from './fixtures/reliability-app.js';

describeReliability('nest (express platform)', nestReliability('express'));
describeReliability('nest (fastify platform)', nestReliability('fastify'));
