import { describeRouteBoundary } from '@backend2mcp/test-support';
import { honoBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('hono', honoBoundaryFixture);
