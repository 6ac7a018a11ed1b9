/**
 * Base64 of bytes without `node:buffer`, so core also runs on edge runtimes.
 * Uses Node's Buffer when it is there (much faster on large bodies).
 */
export function toBase64(bytes: Uint8Array): string {
  const NodeBuffer = (
    globalThis as { Buffer?: { from(data: Uint8Array): { toString(encoding: string): string } } }
  ).Buffer;
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

const decoder = new TextDecoder();

/** Bytes as UTF-8 text (invalid sequences become U+FFFD). */
export function toText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
