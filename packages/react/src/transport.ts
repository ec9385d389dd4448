import { AllotHttpError } from './http-error';
import { toProblem } from './problem';

/**
 * Extra headers for every request: a fixed set, or a function called per request (for fresh tokens).
 *
 * @example
 * ```ts
 * const headers: HeadersOption = () => ({ 'x-tenant': currentTenant() });
 * ```
 */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/**
 * Options of {@link createAllotClient}.
 *
 * @example
 * ```ts
 * const options: AllotClientOptions = {
 *   baseUrl: 'https://app.example.com/api/allot',
 *   headers: async () => ({ authorization: `Bearer ${await getToken()}` }),
 * };
 * ```
 */
export interface AllotClientOptions {
  /** Where the Allot router is mounted, e.g. `/api/allot` or `https://app.example.com/api/allot`. */
  baseUrl: string;
  /** The fetch to use; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Headers sent with every request (authentication, tracing). */
  headers?: HeadersOption;
}

/** A query-string value; `undefined` leaves the parameter out, arrays are joined with commas. */
export type QueryValue = string | number | readonly string[] | undefined;

/** One HTTP call the client makes. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Sends calls to one Allot router and turns non-2xx answers into {@link AllotHttpError}s. */
export interface Transport {
  /** Sends a call and returns the raw response (2xx only). */
  send(call: Call): Promise<Response>;
  /** Sends a call and parses the JSON body of the answer. */
  json<T>(call: Call): Promise<T>;
}

/** Builds the query string of a call (without the leading `?`). */
export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : value.join(',');
    if (text !== '') params.set(key, text);
  }
  return params.toString();
}

/** Creates the transport behind {@link createAllotClient}. */
export function createTransport(options: AllotClientOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send(call: Call): Promise<Response> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const headers = new Headers(
      typeof options.headers === 'function' ? await options.headers() : (options.headers ?? undefined),
    );
    headers.set('accept', 'application/json, application/problem+json, text/csv');
    if (call.body !== undefined) headers.set('content-type', 'application/json');
    if (call.idempotencyKey) headers.set('idempotency-key', call.idempotencyKey);
    const qs = queryString(call.query);
    const url = `${base}${call.path}${qs ? `?${qs}` : ''}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: call.signal,
      });
    } catch (cause) {
      if (call.signal?.aborted) throw cause;
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new AllotHttpError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: `Could not reach ${url}: ${detail}`,
        code: 'network_error',
      });
    }
    if (!response.ok) {
      throw new AllotHttpError(toProblem(response.status, response.statusText, await response.text()));
    }
    return response;
  }

  return {
    send,
    async json<T>(call: Call): Promise<T> {
      const response = await send(call);
      return (await response.json()) as T;
    },
  };
}
