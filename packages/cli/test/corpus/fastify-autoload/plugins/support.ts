import fp from 'fastify-plugin';

export interface SupportPluginOptions {
  // Specify Support plugin options here
}

// The use of fastify-plugin is required to be able to export the decorators to the outer scope
export default fp<SupportPluginOptions>(async (fastify) => {
  fastify.decorate('someSupport', () => 'hugs');
});

declare module 'fastify' {
  export interface FastifyInstance {
    someSupport(): string;
  }
}
