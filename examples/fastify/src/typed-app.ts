import '@backend2mcp/fastify'; // first, so the instance below is watched from its creation
import { type Static, Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import S from 'fluent-json-schema';

const Invoice = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  customerId: Type.Integer({ minimum: 1 }),
  amount: Type.Number({ exclusiveMinimum: 0 }),
  dueOn: Type.String({ format: 'date' }),
  paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
type Invoice = Static<typeof Invoice>;

/**
 * A billing API written the way many Fastify apps are: customers declared with
 * fluent-json-schema (a shared schema by `$id`), invoices with TypeBox, and a
 * CSV export. The declared response schemas are published as output schemas
 * only for the routes that say so with `config.mcp`.
 */
export function createTypedApp(): FastifyInstance {
  const customers = new Map([[1, { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' }]]);
  const invoices = new Map<number, Invoice>([
    [1, { id: 1, customerId: 1, amount: 120, dueOn: '2026-12-31', paidAt: null }],
  ]);
  const app = Fastify();

  app.addSchema(
    S.object()
      .id('Customer')
      .prop('id', S.integer().minimum(1).required())
      .prop('name', S.string().minLength(1).required())
      .prop('email', S.string().format('email')),
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        summary: 'Get a customer',
        params: S.object().prop('id', S.integer().minimum(1).required()),
        response: { 200: S.ref('Customer#'), 404: S.object().prop('error', S.string()) },
      },
      config: { mcp: { publishOutputSchema: true } },
    },
    async (request, reply) => {
      const customer = customers.get((request.params as { id: number }).id);
      return customer ?? reply.code(404).send({ error: 'no such customer' });
    },
  );
  app.post(
    '/customers',
    {
      schema: {
        summary: 'Create a customer',
        body: S.object()
          .prop('name', S.string().minLength(1).required())
          .prop('email', S.string().format('email')),
        response: { 201: S.ref('Customer#') },
      },
    },
    async (request, reply) => {
      const customer = { id: customers.size + 1, ...(request.body as { name: string; email?: string }) };
      customers.set(customer.id, customer as { id: number; name: string; email: string });
      return reply.code(201).send(customer);
    },
  );

  app.post(
    '/invoices',
    {
      schema: {
        summary: 'Issue an invoice',
        body: Type.Object({
          customerId: Type.Integer({ minimum: 1 }),
          amount: Type.Number({ exclusiveMinimum: 0 }),
          dueOn: Type.String({ format: 'date' }),
        }),
        response: { 201: Invoice },
      },
    },
    async (request, reply) => {
      const body = request.body as Omit<Invoice, 'id' | 'paidAt'>;
      const invoice: Invoice = { id: invoices.size + 1, ...body, paidAt: null };
      invoices.set(invoice.id, invoice);
      return reply.code(201).send(invoice);
    },
  );
  app.post(
    '/invoices/:id/payments',
    {
      schema: {
        summary: 'Record the payment of an invoice',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Invoice, 404: Type.Object({ error: Type.String() }) },
      },
    },
    async (request, reply) => {
      const invoice = invoices.get((request.params as { id: number }).id);
      if (!invoice) return reply.code(404).send({ error: 'no such invoice' });
      invoice.paidAt = new Date().toISOString();
      return invoice;
    },
  );
  app.get(
    '/invoices/export',
    {
      schema: {
        summary: 'Export invoices as CSV',
        response: { 200: { type: 'string', contentMediaType: 'text/csv' } },
      },
    },
    async (_request, reply) => {
      const rows = [...invoices.values()].map((invoice) =>
        [invoice.id, invoice.customerId, invoice.amount, invoice.dueOn, invoice.paidAt ?? ''].join(','),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="invoices.csv"')
        .send(['id,customerId,amount,dueOn,paidAt', ...rows].join('\n'));
    },
  );
  return app;
}
