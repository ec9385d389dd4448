/** The frameworks case 7 serves on, in the order it measures them (node:http first: the baseline). */
export const FRAMEWORKS = ['node:http', 'express', 'fastify', 'hono'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** `bare`: the framework's own handler answering a fixed JSON body; `allot`: Allot's API through its adapter. */
export type ServerKind = 'bare' | 'allot';

/** Every server Allot is measured on. */
export type AllotServer = Framework;

/** What the server child is asked to serve. */
export type ServerTask = { kind: 'bare'; framework: Framework } | { kind: 'allot'; framework: AllotServer };

/** Where every server mounts the API (as the route suite and the Next.js example do). */
export const MOUNT = '/api/credits';

/** The header the bench host authenticates with: `x-user: <orgId>:<userId>`, as in the route suite. */
export const AUTH_HEADER = 'x-user';

/** The seeded organization, its admin (who calls) and the member whose credits POST /usage spends. */
export const ORG_ID = 'http';
export const ADMIN_ID = 'admin';
export const MEMBER_ID = 'm0';

/** Messages the server child sends over IPC. */
export type ServerMessage =
  | { type: 'listening'; port: number }
  /** CPU time (user + system, microseconds) the child has used since it started. */
  | { type: 'cpu'; micros: number };

/** Messages the parent sends over IPC. */
export type ParentMessage = { type: 'cpu' } | { type: 'finish' };
