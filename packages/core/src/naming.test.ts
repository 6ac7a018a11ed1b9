import { describe, expect, it } from 'vitest';
import { generateToolName, MAX_TOOL_NAME_LENGTH, resolveNameCollisions, toSnakeWords } from './naming.js';
import { parsePathTemplate } from './path-template.js';

const name = (method: 'GET' | 'POST' | 'DELETE', path: string) =>
  generateToolName(method, parsePathTemplate(path));

describe('tool naming', () => {
  it.each([
    ['GET', '/users/:id', 'get_users_by_id'],
    ['POST', '/users', 'post_users'],
    ['GET', '/orgs/:orgId/users/:userId', 'get_orgs_by_org_id_users_by_user_id'],
    ['GET', '/', 'get_root'],
    ['GET', '/files/*path', 'get_files_by_path'],
    ['GET', '/reports{/:year}', 'get_reports_by_year'],
    ['GET', '/api/v1/user-profiles', 'get_api_v1_user_profiles'],
    ['DELETE', '/HTTPServers/:serverID', 'delete_http_servers_by_server_id'],
  ] as const)('names %s %s as %s', (method, path, expected) => {
    expect(name(method, path)).toBe(expected);
  });

  it('splits identifiers into snake words', () => {
    expect(toSnakeWords('orgId')).toEqual(['org', 'id']);
    expect(toSnakeWords('HTTPServer2')).toEqual(['http', 'server2']);
    expect(toSnakeWords('é-ü_x')).toEqual(['x']);
  });

  it('shortens long names to 64 characters by dropping whole leading words and adding a fingerprint', () => {
    const path = '/organizations/:organizationId/departments/:departmentId/employees/:employeeId/documents';
    const shortened = name('GET', path);
    expect(shortened.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
    expect(shortened).toMatch(/^get_.*employees_by_employee_id_documents_[0-9a-z]{7}$/);
    // Only whole words survive: every word is one of the full name's words.
    const words = new Set(name('GET', path.replace('/documents', '')).split('_'));
    words.add('documents');
    for (const word of shortened.split('_').slice(0, -1)) expect(words.has(word)).toBe(true);
    expect(name('GET', path)).toBe(shortened);
  });

  it('gives two long names with the same tail different fingerprints', () => {
    const a = name('GET', '/alpha/aaaaaaaaaaaaaaaaaaaaaaaa/:groupId/shared/tail/of/the/path/items/:itemId');
    const b = name('GET', '/beta/bbbbbbbbbbbbbbbbbbbbbbbbb/:groupId/shared/tail/of/the/path/items/:itemId');
    expect(a).not.toBe(b);
    expect(a.replace(/_[0-9a-z]{7}$/, '')).toBe(b.replace(/_[0-9a-z]{7}$/, ''));
  });

  it('resolves collisions by sort key, independent of registration order', () => {
    const requests = [
      { name: 'get_a_b', explicit: false, sortKey: '0 /a_b', origin: 'GET /a_b' },
      { name: 'get_a_b', explicit: false, sortKey: '0 /a-b', origin: 'GET /a-b' },
    ];
    expect(resolveNameCollisions(requests)).toEqual(['get_a_b_2', 'get_a_b']);
    expect(resolveNameCollisions([...requests].reverse())).toEqual(['get_a_b', 'get_a_b_2']);
  });

  it('lets an explicit name win over a generated one', () => {
    expect(
      resolveNameCollisions([
        { name: 'get_users', explicit: false, sortKey: '0 /users', origin: 'GET /users' },
        { name: 'get_users', explicit: true, sortKey: '0 /people', origin: 'GET /people' },
      ]),
    ).toEqual(['get_users_2', 'get_users']);
  });

  it('rejects two routes asking for the same explicit name, naming both', () => {
    expect(() =>
      resolveNameCollisions([
        { name: 'list', explicit: true, sortKey: '0 /a', origin: 'GET /a' },
        { name: 'list', explicit: true, sortKey: '0 /b', origin: 'GET /b' },
      ]),
    ).toThrow(/"list" is given to both GET \/a and GET \/b/);
  });

  it('rejects an explicit name with characters MCP does not allow', () => {
    expect(() =>
      resolveNameCollisions([{ name: 'list users', explicit: true, sortKey: '', origin: 'GET /users' }]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_TOOL_NAME' }));
  });
});
