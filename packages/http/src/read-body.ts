import { httpProblem, type Problem } from './problem';

/** What reading a request's body gave: no JSON body (none, or another media type), a value, or a problem. */
export type BodyRead =
  | { kind: 'none'; present: boolean }
  | { kind: 'json'; value: unknown }
  | { kind: 'problem'; problem: Problem };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function mediaType(request: Request): { type: string; charset: string | undefined } | null {
  const header = request.headers.get('content-type');
  if (!header) return null;
  const [type = '', ...params] = header.split(';').map((part) => part.trim());
  const charset = params
    .map((param) => /^charset=("?)([^"]*)\1$/i.exec(param)?.[2])
    .find((value) => value !== undefined);
  return { type, charset: charset?.toLowerCase() };
}

/** Reads the body up to `limit` bytes; null once it passes the limit (the rest is not read). */
async function readUpTo(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/**
 * Reads a JSON body the way `express.json()` does: only `application/json` and
 * `application/*+json` in UTF-8, at most `maxBytes`, an object or an array at the top (strict),
 * and `{}` for an empty one. A body of another media type is left unread.
 */
export async function readJsonBody(request: Request, maxBytes: number, limitText: string): Promise<BodyRead> {
  const length = request.headers.get('content-length');
  if (request.body === null || length === '0') return { kind: 'none', present: false };
  const declared = Number(length ?? '0');
  // Without Content-Length or Transfer-Encoding (a Request built in code, or by some servers for
  // every POST) only reading tells whether there is a body.
  const framed = length !== null || request.headers.has('transfer-encoding');
  const media = mediaType(request);
  if (!media || !JSON_TYPE.test(media.type)) {
    if (framed) return { kind: 'none', present: true };
    const raw = await readUpTo(request.body, maxBytes);
    return { kind: 'none', present: raw === null || raw.byteLength > 0 };
  }
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase();
  if ((media.charset && media.charset !== 'utf-8') || encoding !== 'identity') {
    return {
      kind: 'problem',
      problem: httpProblem('unsupported_media_type', 'Send JSON bodies as application/json in UTF-8.'),
    };
  }
  const tooLarge = httpProblem(
    'payload_too_large',
    `The request body is larger than the limit of ${limitText}.`,
  );
  if (declared > maxBytes) return { kind: 'problem', problem: tooLarge };
  const raw = request.body ? await readUpTo(request.body, maxBytes) : new Uint8Array();
  if (raw === null) return { kind: 'problem', problem: tooLarge };
  const text = new TextDecoder('utf-8').decode(raw);
  if (text.trim() === '') return { kind: 'json', value: {} };
  const first = text.trimStart()[0];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or an array');
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'problem', problem: httpProblem('malformed_json', 'The request body is not valid JSON.') };
  }
}
