/**
 * A generated document of `count` operations over shared, partly recursive
 * component schemas: the shape of a large enterprise API (CRUD per resource,
 * path and query parameters, JSON bodies, typed responses).
 */
export function largeDocument(count: number): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {
    Audit: {
      type: 'object',
      properties: {
        by: { type: 'string' },
        at: { type: 'string', format: 'date-time' },
        previous: { $ref: '#/components/schemas/Audit' },
      },
    },
  };
  const resources = Math.ceil(count / 4);
  let made = 0;
  for (let r = 0; r < resources && made < count; r++) {
    const name = `Resource${r}`;
    schemas[name] = {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'integer', readOnly: true },
        name: { type: 'string', maxLength: 100 },
        status: { type: 'string', enum: ['active', 'archived'], nullable: true },
        tags: { type: 'array', items: { type: 'string' } },
        audit: { $ref: '#/components/schemas/Audit' },
      },
    };
    const ref = { $ref: `#/components/schemas/${name}` };
    const collection = `/api/v1/group${r % 20}/resource${r}`;
    const item = `${collection}/{id}`;
    const ops: Array<[string, string, Record<string, unknown>]> = [
      [
        collection,
        'get',
        {
          operationId: `list_resource${r}`,
          summary: `List resource ${r}`,
          tags: [`group${r % 20}`],
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'q', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'array', items: ref } } },
            },
          },
        },
      ],
      [
        collection,
        'post',
        {
          operationId: `create_resource${r}`,
          tags: [`group${r % 20}`],
          requestBody: { required: true, content: { 'application/json': { schema: ref } } },
          responses: { '201': { description: 'created', content: { 'application/json': { schema: ref } } } },
        },
      ],
      [
        item,
        'get',
        {
          operationId: `get_resource${r}`,
          tags: [`group${r % 20}`],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref } } } },
        },
      ],
      [
        item,
        'delete',
        {
          operationId: `delete_resource${r}`,
          tags: [`group${r % 20}`],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '204': { description: 'gone' } },
        },
      ],
    ];
    for (const [path, method, operation] of ops) {
      if (made >= count) break;
      paths[path] ??= {};
      paths[path][method] = operation;
      made++;
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: `Large (${count} operations)`, version: '1' },
    servers: [{ url: 'http://127.0.0.1:9' }],
    paths,
    components: { schemas },
  };
}
