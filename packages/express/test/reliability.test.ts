import { createRequire } from 'node:module';
import { describeFuzzedInputs, describeReliability } from '@backend2mcp/test-support';
import express from 'express';
import { instrumentExpress } from '../src/index.js';
import { expressReliability } from './fixtures/reliability-app.js';

// `express4` is an npm alias of express@4 without type declarations of its own.
const express4 = createRequire(import.meta.url)('express4') as typeof express;
instrumentExpress(express4);

describeReliability('express 5', expressReliability(express, 5));
describeFuzzedInputs('express 4', expressReliability(express4, 4));
