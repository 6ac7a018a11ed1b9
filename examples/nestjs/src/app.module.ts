import { McpModule } from '@backend2mcp/nestjs';
import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AdminModule } from './admin/admin.module.js';
import { CatsModule } from './cats/cats.module.js';

@Module({
  imports: [
    CatsModule,
    AdminModule,
    RouterModule.register([{ path: 'admin', module: AdminModule }]),
    // The MCP endpoint at /api/mcp, a route of the app like any other.
    McpModule.forRoot({ name: 'cat-shelter', instructions: 'Manage the cats of the shelter.' }),
  ],
})
export class AppModule {}
