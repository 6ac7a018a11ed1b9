import { descriptor as express } from '@backend2mcp/express';
import { descriptor as fastify } from '@backend2mcp/fastify';
import { descriptor as hono } from '@backend2mcp/hono';
import { descriptor as koa } from '@backend2mcp/koa';
import { descriptor as nestjs } from '@backend2mcp/nestjs';

/**
 * The adapters the CLI serves, in the order `--framework` lists them. Each
 * package's `descriptor` says how to recognise its apps, how to serve them and
 * what to prepare before the app's module loads; adding an adapter to the CLI is
 * one line here (and its package among the dependencies).
 */
export const ADAPTERS = [express, fastify, hono, koa, nestjs] as const;
