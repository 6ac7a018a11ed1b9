/**
 * Preload entry: `node --import @backend2mcp/express/register app.js` (or
 * `--require` for CommonJS). It instruments the `express` that the current
 * working directory resolves, before the app's own code runs, so even routers
 * and sub-apps mounted before `@backend2mcp/express` is imported keep their
 * exact paths. Harmless when express is not installed; safe to load twice.
 */
import { pathToFileURL } from 'node:url';
import { instrumentExpress } from './extract/instrument.js';
import { loadExpressFrom } from './extract/load-express.js';

const fromApp = loadExpressFrom(pathToFileURL(`${process.cwd()}/`));
if (fromApp) instrumentExpress(fromApp);
const fromHere = loadExpressFrom(import.meta.url);
if (fromHere && fromHere !== fromApp) instrumentExpress(fromHere);
