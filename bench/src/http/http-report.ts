import type { BenchConfig } from '../config';
import { measured } from '../harness/measure';
import { atLeast, type CaseReport, type Comparison, compare, type Measured } from '../harness/model';
import { cpuNote } from './cpu-note';
import { labelOf, type Which } from './plan';
import { type AllotServer, FRAMEWORKS } from './protocol';
import { median, type RunsOf, runsOf } from './runs';

/** Targets of issue 16. */
const READ_RATIO = 0.5;
const MAX_OVERHEAD = 0.15;

const percent = (share: number) => `${Math.round(share * 100)} %`;

function figureOf(runs: RunsOf, framework: AllotServer, which: Which): Measured {
  const all = runsOf(runs, framework, which);
  const server = median(all.map((r) => r.serverCpu));
  const client = median(all.map((r) => r.clientCpu));
  const micros = median(all.map((r) => r.serverMicrosPerRequest));
  const extra = `server CPU ${percent(server)} of one core (${Math.round(micros)} µs a request), autocannon ${percent(client)}`;
  return measured(labelOf(framework, which), 'req/s', all, extra);
}

function overhead(name: string, subject: Measured, raw: Measured): Comparison {
  const ratio = subject.value.median / raw.value.median;
  return compare(name, subject, raw, [
    atLeast(ratio, 1 - MAX_OVERHEAD, `node:http + toNodeListener (≤ ${percent(MAX_OVERHEAD)} overhead)`),
  ]);
}

function comparisons(runs: RunsOf): Comparison[] {
  const rawGet = figureOf(runs, 'node:http', 'get');
  const rawPost = figureOf(runs, 'node:http', 'post');
  const out: Comparison[] = [];
  for (const framework of FRAMEWORKS) {
    const get = figureOf(runs, framework, 'get');
    const bare = figureOf(runs, framework, 'bare');
    const ratio = get.value.median / bare.value.median;
    out.push(
      compare(`${framework}: GET /overview vs the bare ${framework} route`, get, bare, [
        atLeast(ratio, READ_RATIO, `bare ${framework}`),
      ]),
    );
    if (framework === 'node:http') {
      out.push(
        compare(
          'node:http: POST /usage (the raw handler, baseline of the overhead rows)',
          rawPost,
          undefined,
          [],
        ),
      );
      continue;
    }
    out.push(overhead(`${framework}: GET /overview, overhead over the raw handler`, get, rawGet));
    out.push(
      overhead(
        `${framework}: POST /usage, overhead over the raw handler`,
        figureOf(runs, framework, 'post'),
        rawPost,
      ),
    );
  }
  return out;
}

/** The report of case 7. */
export function httpReport(config: BenchConfig, runs: RunsOf): CaseReport {
  return {
    id: '7',
    title: 'HTTP adapters: requests/s through each framework',
    commands: [
      `${config.httpRuns} run(s) of every measurement, each on a fresh server child (\`bench/src/http/server-child.ts\`, the sources through tsx) on 127.0.0.1; the load generator is autocannon as a library in the parent process, ${config.httpConnections} keep-alive connections, no pipelining, ${config.httpWarmupSeconds} s of warm-up then ${config.httpSeconds} s measured; frameworks alternate within each run`,
      'per framework: its bare route answering a fixed JSON body at the same path (about the 400 bytes of the overview), Allot `GET /api/credits/overview`, and Allot `POST /api/credits/usage` of 1 credit with a unique `Idempotency-Key` per request; any refused request or non-2xx answer fails the case',
      'Allot: `@allot/memory`, one organization (its admin calls, authenticated by an `x-user` header as in the route suite; one member with 1,000,000,000 credits), `usageRoutes: true`, mounted as in `http-suite/src/adapters.ts`',
      `targets (issue 16): the Allot read ≥ ${READ_RATIO}× the bare route of its framework; each adapter ≥ ${1 - MAX_OVERHEAD}× node:http + \`toNodeListener\` (≤ ${percent(MAX_OVERHEAD)} overhead), for the read and the write`,
    ],
    comparisons: comparisons(runs),
    notes: [cpuNote(runs)],
  };
}
