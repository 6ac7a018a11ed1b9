import { createRequire } from 'node:module';
import { describeRouteBoundary } from '@backend2mcp/test-support';
import type express from 'express';
import { expressBoundaryFixture } from './fixtures/boundary-app.js';

const express4 = createRequire(import.meta.url)('express4') as typeof express;

describeRouteBoundary('express 5', expressBoundaryFixture());
describeRouteBoundary('express 4', expressBoundaryFixture(express4, 4));
