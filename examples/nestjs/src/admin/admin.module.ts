import { McpExclude } from '@backend2mcp/nestjs';
import { Controller, Get, Module } from '@nestjs/common';

@Controller('health')
export class HealthController {
  @Get()
  health() {
    return { ok: true };
  }

  @Get('metrics')
  @McpExclude() // for the monitoring system, not for models
  metrics() {
    return { uptime: process.uptime() };
  }
}

@Module({ controllers: [HealthController] })
export class AdminModule {}
