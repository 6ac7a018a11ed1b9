/**
 * The extraction rules every adapter shares, on an app written in the
 * framework's own idiom: full paths through the framework's nesting, catch-all
 * routes, overrides, hidden routes, and the mounted endpoint left out.
 */
import { describe, expect, it } from 'vitest';

/** What the suite reads of an adapter. */
export interface ExtractionAdapter {
  readonly server: {
    prepare(): Promise<void>;
    readonly tools: ReadonlyArray<{ name: string; route: { method: string; path: string } }>;
  };
}

/**
 * An app of the adapter's framework with these routes, written in its idiom,
 * behind an adapter whose endpoint is mounted at `/mcp`:
 *
 * - `GET /items/:id` and `POST /items`;
 * - `/v1/users/:userId/posts/:postId` (GET), declared through the framework's
 *   nesting (a router or plugin under `/v1`, then `/users/:userId`, ...);
 * - a catch-all route at `/any` (`app.all()` or the framework's equivalent);
 * - `GET /renamed`, overridden with the name `custom_name`;
 * - `GET /secret`, hidden with the adapter's override.
 */
export interface ExtractionFixture {
  create(): { adapter: ExtractionAdapter };
}

/** The tools the extraction fixture app exposes, in any order, with their method and path. */
export const EXTRACTION_TOOLS = [
  'GET /items/:id get_items_by_id',
  'POST /items post_items',
  'GET /v1/users/:userId/posts/:postId get_v1_users_by_user_id_posts_by_post_id',
  'GET /any get_any',
  'POST /any post_any',
  'PUT /any put_any',
  'PATCH /any patch_any',
  'DELETE /any delete_any',
  'GET /renamed custom_name',
];

/** The extraction suite for one adapter. */
export function describeExtraction(name: string, fixture: ExtractionFixture): void {
  describe(`${name}: route extraction`, () => {
    it('reads full paths, expands the catch-all, applies overrides, hides and never lists its endpoint', async () => {
      const { adapter } = fixture.create();
      await adapter.server.prepare();
      const tools = adapter.server.tools.map(
        (tool) => `${tool.route.method} ${tool.route.path} ${tool.name}`,
      );
      expect(tools.sort()).toEqual([...EXTRACTION_TOOLS].sort());
    });
  });
}
