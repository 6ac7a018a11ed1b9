import { mcp } from '@backend2mcp/express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** A 1x1 red PNG, served by the avatar route to show image results. */
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

interface User {
  id: string;
  name: string;
  email: string;
}

/**
 * A small, ordinary Express API: users CRUD, a nested router of projects per
 * organisation, an avatar image, an admin route behind its own auth middleware,
 * and a route that fails. Nothing in it knows about MCP except the optional
 * `mcp({...})` descriptions.
 */
export function createApp() {
  const users = new Map<string, User>([
    ['1', { id: '1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    ['2', { id: '2', name: 'Alan Turing', email: 'alan@example.com' }],
  ]);
  let nextId = 3;

  const app = express();
  app.use(express.json());

  app.get(
    '/users',
    mcp({ description: 'List users, optionally filtered by a name fragment (?q=).' }),
    (req, res) => {
      const q = typeof req.query.q === 'string' ? req.query.q.toLowerCase() : '';
      res.json([...users.values()].filter((user) => user.name.toLowerCase().includes(q)));
    },
  );

  app.get('/users/:id', mcp({ description: 'Fetch one user by id.' }), (req, res) => {
    const user = users.get(req.params.id);
    if (!user) {
      res.status(404).json({ error: `No user with id ${req.params.id}` });
      return;
    }
    res.json(user);
  });

  app.post(
    '/users',
    mcp({
      description: 'Create a user.',
      schemas: {
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' } },
          required: ['name', 'email'],
        },
      },
    }),
    (req, res) => {
      const user: User = { id: String(nextId++), name: req.body.name, email: req.body.email };
      users.set(user.id, user);
      res.status(201).json(user);
    },
  );

  app.delete('/users/:id', mcp({ description: 'Delete a user.' }), (req, res) => {
    res.status(users.delete(req.params.id) ? 204 : 404).end();
  });

  app.get('/users/:id/avatar', mcp({ description: "The user's avatar as a PNG image." }), (_req, res) => {
    res.type('png').send(AVATAR_PNG);
  });

  const projects = express.Router({ mergeParams: true });
  projects.get('/', (req: Request<{ orgId: string }>, res) => {
    res.json({ orgId: req.params.orgId, projects: ['compiler', 'analytical-engine'] });
  });
  projects.get('/:projectId', (req: Request<{ orgId: string; projectId: string }>, res) => {
    res.json({ orgId: req.params.orgId, projectId: req.params.projectId, status: 'active' });
  });
  app.use('/orgs/:orgId/projects', projects);

  const admin = express.Router();
  admin.use((req: Request, res: Response, next: NextFunction) => {
    if (req.get('x-admin-token') !== 'letmein') {
      res.status(401).json({ error: 'x-admin-token header required' });
      return;
    }
    next();
  });
  admin.get(
    '/stats',
    mcp({
      description: 'Usage statistics; needs the x-admin-token header.',
      schemas: { headers: { type: 'object', properties: { 'x-admin-token': { type: 'string' } } } },
    }),
    (_req, res) => {
      res.json({ users: users.size });
    },
  );
  app.use('/admin', admin);

  app.get('/boom', mcp({ description: 'Always fails, to show how errors look.' }), () => {
    throw new Error('Something broke in the handler');
  });

  // The app's own error handler: it runs for MCP calls exactly as for HTTP ones.
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: error.message });
  });

  return app;
}
