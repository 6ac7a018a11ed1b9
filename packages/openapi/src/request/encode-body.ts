import { randomBytes } from 'node:crypto';
import type { BodyPlan } from '../operations/operation-plan.js';
import { scalarText } from './serialize-parameter.js';

const encoder = new TextEncoder();

/** The body bytes and their content type, in the operation's media type. */
export function encodeBody(
  plan: BodyPlan | undefined,
  payload: unknown,
): { bytes: Uint8Array; contentType: string } {
  const kind = plan?.kind ?? 'json';
  const mediaType = plan?.mediaType ?? 'application/json';
  switch (kind) {
    case 'text':
      return { bytes: encoder.encode(scalarText(payload)), contentType: withCharset(mediaType) };
    case 'binary':
      return { bytes: fromBase64(payload), contentType: mediaType };
    case 'form':
      return {
        bytes: encoder.encode(formUrlEncoded(payload)),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart':
      return multipart(payload, plan?.binaryFields ?? new Set());
    default:
      return { bytes: encoder.encode(JSON.stringify(payload)), contentType: mediaType };
  }
}

function withCharset(mediaType: string): string {
  return /charset=/i.test(mediaType) ? mediaType : `${mediaType}; charset=utf-8`;
}

function fromBase64(value: unknown): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : new Uint8Array();
}

/** Arrays repeat their key (form, explode); nested objects travel as JSON text. */
function formUrlEncoded(payload: unknown): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(asRecord(payload))) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, scalarText(item));
  }
  return params.toString();
}

/**
 * `multipart/form-data` (RFC 7578): one part per field, arrays as repeated
 * parts, file fields decoded from base64, objects as JSON parts. Field names are
 * quoted with `"` and line breaks escaped, so a name cannot forge part headers.
 */
function multipart(
  payload: unknown,
  binaryFields: ReadonlySet<string>,
): { bytes: Uint8Array; contentType: string } {
  const boundary = `backend2mcp-${randomBytes(12).toString('hex')}`;
  const chunks: Uint8Array[] = [];
  for (const [name, value] of Object.entries(asRecord(payload))) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) && !binaryFields.has(name) ? value : [value]) {
      const quoted = quote(name);
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted}"`;
      let content: Uint8Array;
      if (binaryFields.has(name)) {
        head += `; filename="${quoted}"\r\nContent-Type: application/octet-stream`;
        content = fromBase64(item);
      } else if (item !== null && typeof item === 'object') {
        head += '\r\nContent-Type: application/json';
        content = encoder.encode(JSON.stringify(item));
      } else {
        content = encoder.encode(scalarText(item));
      }
      chunks.push(encoder.encode(`${head}\r\n\r\n`), content, encoder.encode('\r\n'));
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function quote(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function asRecord(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}
