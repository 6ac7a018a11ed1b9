import { describeRouteBoundary } from '@backend2mcp/test-support';
import { koaBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('koa', koaBoundaryFixture);
