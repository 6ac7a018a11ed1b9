import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';

/** One per request: what the request says about its caller. */
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  constructor(@Inject(REQUEST) private readonly request: { headers: Record<string, string | undefined> }) {}

  get tenant(): string {
    return this.request.headers['x-tenant'] ?? 'public';
  }
}
