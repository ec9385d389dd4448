import { ADAPTER, type Which } from './plan';
import { type AllotServer, FRAMEWORKS } from './protocol';
import { median, type RunsOf, runsOf } from './runs';

/** Server CPU per request, and what Allot adds on each framework beyond what it adds on node:http. */
export function cpuNote(runs: RunsOf): string {
  const micros = (f: AllotServer, w: Which) =>
    median(runsOf(runs, f, w).map((r) => r.serverMicrosPerRequest));
  const allotOnNode = micros('node:http', 'get') - micros('node:http', 'bare');
  const lines = [
    'Server CPU per request (median µs; the server child\'s user + system time over the requests it answered). "Allot on top" is the Allot route minus the bare route of the same framework; "beyond node:http" is how much more that is than on node:http, i.e. what serving Allot costs on that framework beyond serving it on node:http, once the framework\'s bare route is taken out (its mount and wildcard routing still count).',
    '',
    '| framework | bare route | GET /overview | POST /usage | Allot on top (GET) | beyond node:http (GET) |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of FRAMEWORKS) {
    const onTop = micros(f, 'get') - micros(f, 'bare');
    const beyond = f === 'node:http' ? '–' : `${Math.round(onTop - allotOnNode)}`;
    lines.push(
      `| ${ADAPTER[f]} | ${Math.round(micros(f, 'bare'))} | ${Math.round(micros(f, 'get'))} | ${Math.round(micros(f, 'post'))} | ${Math.round(onTop)} | ${beyond} |`,
    );
  }
  return lines.join('\n');
}
