import { instrumentExpress } from './extract/instrument.js';
import { loadExpressFrom } from './extract/load-express.js';

// Importing @backend2mcp/express instruments the express copy it resolves (the
// app's own, as express is a peer dependency), so routers the app builds after
// this import keep their mount paths. Apps built before it need the register preload.
const express = loadExpressFrom(import.meta.url);
if (express) instrumentExpress(express);
