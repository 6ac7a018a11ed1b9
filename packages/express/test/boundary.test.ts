import { describeRouteBoundary } from '@backend2mcp/test-support';
import { expressBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('express', expressBoundaryFixture);
