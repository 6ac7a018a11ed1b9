/**
 * The business logic every bench app and the hand-written MCP server call: one
 * user lookup and one user creation. Kept free of any framework so each
 * contender does exactly the same work and only the plumbing around it differs.
 */

/** A user as the bench API returns it. */
export interface User {
  id: string;
  name: string;
  email: string;
  bio: string;
  tags: string[];
}

/** The body of `POST /users`. */
export type NewUser = Omit<User, 'id'>;

/** The id every `GET /users/:id` call asks for. */
export const USER_ID = '1';

/** Size the `POST /users` body is padded to, in bytes of JSON. */
export const BODY_BYTES = 1024;

/** The 1 KB JSON body every `POST /users` call sends (as an object; `JSON.stringify` gives exactly 1 KB). */
export const NEW_USER: NewUser = padToBytes({
  name: 'Grace Hopper',
  email: 'grace@example.com',
  bio: '',
  tags: ['navy', 'cobol', 'compilers'],
});

/** JSON Schema of the `POST /users` body, declared to every framework so each validates the same contract. */
export const NEW_USER_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string' },
    bio: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'email'],
  additionalProperties: false,
} as const;

/** JSON Schema of the `:id` path parameter. */
export const USER_PARAMS_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
} as const;

/**
 * An in-memory user table. Creation keeps only the last {@link MAX_USERS} rows so
 * that millions of benchmark calls do not grow the heap, which would turn a
 * latency benchmark into a GC benchmark and fake an RSS trend in the load run.
 */
const MAX_USERS = 1000;
const users = new Map<string, User>([
  [USER_ID, { id: USER_ID, name: 'Ada Lovelace', email: 'ada@example.com', bio: 'Analyst.', tags: ['math'] }],
]);
let nextId = 2;

/** Looks a user up; undefined when there is none. */
export function getUser(id: string): User | undefined {
  return users.get(id);
}

/** Stores a new user and returns it with its id. */
export function createUser(input: NewUser): User {
  const user: User = { id: String(nextId++), ...input };
  users.set(user.id, user);
  if (users.size > MAX_USERS) {
    // Evict the oldest row that is not the fixture the GET benchmark reads.
    for (const id of users.keys()) {
      if (id !== USER_ID) {
        users.delete(id);
        break;
      }
    }
  }
  return user;
}

/** Fills `bio` so the JSON of the body is exactly {@link BODY_BYTES} long. */
function padToBytes(body: NewUser): NewUser {
  const missing = BODY_BYTES - Buffer.byteLength(JSON.stringify(body));
  return { ...body, bio: 'x'.repeat(Math.max(0, missing)) };
}
