import { allotHandler } from '../../../../lib/allot';

// Every path below /api/credits goes to Allot's handler; it reads the path from the request.
const handle = async (request: Request) => (await allotHandler())(request);

export const dynamic = 'force-dynamic';
export {
  handle as DELETE,
  handle as GET,
  handle as HEAD,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};
