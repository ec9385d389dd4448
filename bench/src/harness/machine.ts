import { cpus, loadavg, release, totalmem } from 'node:os';

/** Facts about the machine and the software measured, printed at the top of the report. */
export interface MachineFacts {
  [fact: string]: string;
}

/** CPU, memory, OS and Node facts; the database facts are added by the cases that query them. */
export function machineFacts(): MachineFacts {
  const cpu = cpus();
  return {
    cpu: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${process.platform} ${release()} (${process.arch})`,
    node: process.version,
    'load average at start (1/5/15 min)': loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}
