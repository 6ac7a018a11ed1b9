import { describeAuth } from '@backend2mcp/test-support';
import { expressAuthFixture } from './fixtures/auth-app.js';

describeAuth('express', expressAuthFixture);
