import type { HttpMethod } from './http.js';
import type { ToolAnnotationsOverride } from './route.js';
import type { ToolAnnotations } from './tool-spec.js';

/**
 * Annotations that follow from HTTP semantics (RFC 9110): safe methods are
 * read-only; PUT and DELETE are idempotent; DELETE is destructive; POST and
 * PATCH are neither. A route's overrides win.
 */
export function annotationsFor(
  method: HttpMethod,
  title: string,
  overrides?: ToolAnnotationsOverride,
): ToolAnnotations {
  const safe = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  const derived: ToolAnnotations = safe
    ? { title, readOnlyHint: true }
    : {
        title,
        readOnlyHint: false,
        destructiveHint: method === 'DELETE',
        idempotentHint: method === 'PUT' || method === 'DELETE',
      };
  return { ...derived, ...overrides };
}
