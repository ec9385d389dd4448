import type { BenchConfig } from '../config';
import type { Log } from '../harness/log';
import type { CaseReport } from '../harness/model';
import { httpReport } from './http-report';
import { measureServer, type ServerRun } from './measure-server';
import { labelOf, STEPS } from './plan';
import type { RunsOf } from './runs';

export interface HttpCaseOptions {
  /** Write a `--cpu-prof` profile of every server child into this folder. */
  cpuProfDir?: string;
}

function profileFlags(dir: string | undefined, name: string): string[] {
  if (!dir) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`];
}

function describe(run: ServerRun): string {
  const cpu = (share: number) => `${Math.round(share * 100)} %`;
  return `${Math.round(run.rate)} req/s, server CPU ${cpu(run.serverCpu)} (${Math.round(run.serverMicrosPerRequest)} µs a request), autocannon ${cpu(run.clientCpu)}`;
}

/**
 * Case 7: requests/s of `GET /overview` and `POST /usage` through each adapter, against a bare
 * route of the same framework and against Node's `http` with `toNodeListener` (the raw
 * `@allot/http` handler). Every measurement gets a fresh server child; autocannon loads it from
 * this process. Runs alternate framework by framework so background noise hits all alike.
 */
export async function httpCase(
  config: BenchConfig,
  log: Log,
  options: HttpCaseOptions = {},
): Promise<CaseReport> {
  const runs: RunsOf = new Map();
  for (let run = 0; run < config.httpRuns; run++) {
    for (const { server, which, task, request } of STEPS) {
      const name = `${server.replace(/\W+/g, '-')}-${which}-${run + 1}`;
      const result = await measureServer(task, request, config, profileFlags(options.cpuProfDir, name));
      const key = `${server} ${which}` as const;
      runs.set(key, [...(runs.get(key) ?? []), result]);
      log(`http ${labelOf(server, which)} run ${run + 1}: ${describe(result)}`);
    }
  }
  return httpReport(config, runs);
}
