// The server child of case 7: serves one framework, bare or with Allot, on 127.0.0.1 until the
// parent says `finish`, so the load generator (in the parent) never shares this process.
// Answers `cpu` with the CPU time it has used, so the parent can tell how busy the server was.
import { createAllotHost } from './allot-host';
import { allotServers } from './allot-servers';
import { bareServers } from './bare-servers';
import type { ParentMessage, ServerMessage, ServerTask } from './protocol';

function send(message: ServerMessage): void {
  process.send?.(message);
}

const task = JSON.parse(process.argv[2] ?? '{}') as ServerTask;
const server =
  task.kind === 'bare'
    ? await bareServers[task.framework]()
    : await allotServers[task.framework](await createAllotHost());
process.on('message', (message: ParentMessage) => {
  if (message.type === 'cpu') {
    const used = process.cpuUsage();
    send({ type: 'cpu', micros: used.user + used.system });
    return;
  }
  void server.close().finally(() => process.disconnect?.());
});
send({ type: 'listening', port: server.port });
