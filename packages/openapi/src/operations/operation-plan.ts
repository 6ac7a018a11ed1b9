import type { SecurityRequirement } from '../document/types.js';

/** How one parameter is written into the request (OpenAPI `style`/`explode`). */
export interface ParameterPlan {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  style: string;
  explode: boolean;
  allowReserved: boolean;
  /** The parameter uses `content` (a media type) instead of `schema`: its value is sent as JSON. */
  json: boolean;
}

/** How the body is written. */
export interface BodyPlan {
  mediaType: string;
  kind: 'json' | 'form' | 'multipart' | 'text' | 'binary';
  /** Multipart fields that carry file content, given base64-encoded by the caller. */
  binaryFields: ReadonlySet<string>;
}

/** Everything the request encoder and the upstream dispatch need to know about one operation. */
export interface OperationPlan {
  /** The path as the document writes it (`/users/{id}`). */
  path: string;
  /** Keyed `<in>:<name>` (`query:page`). */
  parameters: ReadonlyMap<string, ParameterPlan>;
  body?: BodyPlan;
  /** Alternatives; each names schemes that must all be applied. Empty: no auth. */
  security: SecurityRequirement[];
}
