import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/**
 * One page of a list and the cursor to the next. The cursor names the
 * offset and the list's generation: a list that changed since (routes
 * refreshed) refuses old cursors instead of skipping or repeating entries.
 */
export function paginate<T>(
  items: readonly T[],
  cursor: string | undefined,
  pageSize: number,
  generation: number,
): { page: T[]; nextCursor?: string } {
  const offset = cursor === undefined ? 0 : readCursor(cursor, generation, items.length);
  const page = items.slice(offset, offset + pageSize);
  const next = offset + page.length;
  return next < items.length ? { page, nextCursor: writeCursor(next, generation) } : { page };
}

function writeCursor(offset: number, generation: number): string {
  return btoa(`${generation}:${offset}`);
}

function readCursor(cursor: string, generation: number, length: number): number {
  let decoded = '';
  try {
    decoded = atob(cursor);
  } catch {
    // falls through to the error below
  }
  const match = /^(\d+):(\d+)$/.exec(decoded);
  if (!match || Number(match[1]) !== generation || Number(match[2]) > length) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      'Invalid or outdated cursor: the list changed or the cursor was not issued by this server. List again without a cursor.',
    );
  }
  return Number(match[2]);
}
