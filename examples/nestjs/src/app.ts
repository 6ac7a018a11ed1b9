import 'reflect-metadata';
import { ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';

export type Platform = 'express' | 'fastify';

/** The app as main.ts sets it up: prefix, URI versioning, a global ValidationPipe. */
export async function createApp(platform: Platform = 'express', options: { logger?: false } = {}) {
  const app = await NestFactory.create(
    AppModule,
    platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
    {
      abortOnError: false,
      ...options,
    },
  );
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      transformOptions: { enableImplicitConversion: true },
    }),
  );
  return app;
}
