import http from 'node:http';
import app, { logger } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const server = http.createServer(app);

// A connection pool's keep-alive, standing in for a real database client.
const pool = setInterval(() => logger.debug('pool: ping'), 30_000);

server.listen(port, () => logger.info(`listening on ${port}`));

process.on('SIGTERM', () => {
  clearInterval(pool);
  server.close();
});
