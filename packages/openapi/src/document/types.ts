/**
 * The parts of an OpenAPI 3.x document this package reads, kept loose on
 * purpose: real documents carry vendor keys and small deviations everywhere.
 * Swagger 2.0 documents are normalised to this shape first.
 */
export type JsonObject = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: JsonObject;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  content?: Record<string, { schema?: JsonObject }>;
}

export interface OpenApiMediaType {
  schema?: JsonObject;
  encoding?: Record<string, { contentType?: string; style?: string; explode?: boolean }>;
}

export interface OpenApiRequestBody {
  description?: string;
  required?: boolean;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses?: Record<string, OpenApiResponse>;
  security?: SecurityRequirement[];
}

/** Scheme name -> scopes. An empty object means "no auth needed". */
export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiSecurityScheme {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  name?: string;
  in?: 'header' | 'query' | 'cookie';
  scheme?: string;
  flows?: { clientCredentials?: { tokenUrl?: string; scopes?: Record<string, string> } } & JsonObject;
}

export interface OpenApiServer {
  url: string;
  variables?: Record<string, { default?: string }>;
}

/** An OpenAPI 3.0/3.1 document (Swagger 2.0 converted). */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string; description?: string };
  servers?: OpenApiServer[];
  paths?: Record<string, JsonObject>;
  components?: {
    schemas?: Record<string, JsonObject>;
    parameters?: Record<string, JsonObject>;
    requestBodies?: Record<string, JsonObject>;
    responses?: Record<string, JsonObject>;
    securitySchemes?: Record<string, JsonObject>;
  } & JsonObject;
  security?: SecurityRequirement[];
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
