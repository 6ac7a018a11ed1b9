import { McpAdapter } from '@backend2mcp/fastify';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTypedApp } from './typed-app.js';

let client: Client;
let close: () => Promise<void>;
beforeAll(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = new McpAdapter(createTypedApp()).connect(serverSide);
  client = new Client({ name: 'example-test', version: '1.0.0' });
  await client.connect(clientSide);
  close = async () => {
    await client.close();
    await handle.close();
  };
});
afterAll(() => close());

describe('the fluent-json-schema and TypeBox billing API as an MCP server', () => {
  it('lists typed tools; only the route that opts in publishes its output schema', async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName)).toEqual([
      'get_customers_by_id',
      'post_customers',
      'post_invoices',
      'post_invoices_by_id_payments',
      'get_invoices_export',
    ]);
    expect(byName.post_invoices!.inputSchema).toEqual({
      type: 'object',
      properties: {
        customerId: { type: 'integer', minimum: 1 },
        amount: { type: 'number', exclusiveMinimum: 0 },
        dueOn: { type: 'string', format: 'date' },
      },
      required: ['customerId', 'amount', 'dueOn'],
      additionalProperties: false,
    });
    expect(byName.get_customers_by_id!.outputSchema).toMatchObject({
      type: 'object',
      required: ['id', 'name'],
    });
    expect(byName.post_invoices!.outputSchema).toBeUndefined();
  });

  it('creates a customer and an invoice, records a payment, and exports the CSV', async () => {
    const customer = await client.callTool({ name: 'post_customers', arguments: { name: 'Grace Hopper' } });
    expect(customer.structuredContent).toEqual({ id: 2, name: 'Grace Hopper' });
    expect(
      (await client.callTool({ name: 'get_customers_by_id', arguments: { id: 2 } })).structuredContent,
    ).toEqual({ id: 2, name: 'Grace Hopper' });
    const invoice = await client.callTool({
      name: 'post_invoices',
      arguments: { customerId: 2, amount: 99.5, dueOn: '2027-01-15' },
    });
    expect(invoice.structuredContent).toEqual({
      id: 2,
      customerId: 2,
      amount: 99.5,
      dueOn: '2027-01-15',
      paidAt: null,
    });
    const paid = await client.callTool({ name: 'post_invoices_by_id_payments', arguments: { id: 2 } });
    expect(paid.isError).toBeFalsy();
    expect((paid.structuredContent as { paidAt: string }).paidAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const csv = await client.callTool({ name: 'get_invoices_export', arguments: {} });
    const [block] = csv.content as Array<{ type: string; resource: { mimeType: string; text: string } }>;
    expect(block!.type).toBe('resource');
    expect(block!.resource.mimeType).toBe('text/csv');
    expect(block!.resource.text.split('\n')[0]).toBe('id,customerId,amount,dueOn,paidAt');
  });
});
