import { Cleanups, connectInMemory, describeRouteBoundary, textOf } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter, McpModule } from '../src/index.js';
import { createBoundaryApp, nestBoundaryFixture } from './fixtures/boundary-app.js';

describeRouteBoundary('nest (express platform)', nestBoundaryFixture('express'));
describeRouteBoundary('nest (fastify platform)', nestBoundaryFixture('fastify'));

describe('the route boundary under McpModule', () => {
  const cleanups = new Cleanups();
  afterEach(() => cleanups.run());

  it.each(['express', 'fastify'] as const)(
    'holds at the route on a started app: a rewritten call is refused (%s platform)',
    async (platform) => {
      const warnings: string[] = [];
      const { app, hits } = await createBoundaryApp(platform, [
        McpModule.forRoot({ path: false, onWarning: (message) => warnings.push(message) }),
      ]);
      cleanups.add(() => app.close());
      // Started first: Fastify takes no hook after this, so McpModule must have guarded the routes before.
      await app.listen(0, '127.0.0.1');
      const client = await connectInMemory(app.get(McpAdapter), cleanups);
      const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: 'rewrite-me' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/lead to another route than its own/);
      expect(hits).toEqual([]);
      expect(warnings.filter((message) => message.includes('already started'))).toEqual([]);
    },
  );
});
