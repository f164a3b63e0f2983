import autocannon from 'autocannon';
import { requestHeaders } from './request-headers';
import { startBenchServer } from './start-bench-server';

export interface HttpFigures {
  readonly httpCommandsPerSec: number;
  readonly httpBareNestPerSec: number;
  readonly httpCommandErrors: number;
}

const BODY = JSON.stringify({ inspectorIds: ['insp-a', 'insp-b'] });
const HEADERS = { 'content-type': 'application/json', ...requestHeaders('planner') };

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Commands per second over real HTTP with 64 connections: POST /inspections/:id/assignments, each
 * request on its own seeded case (a real decide + durable append), next to a bare NestJS endpoint
 * measured the same way in the same run. The server runs in a child process so the load generator
 * does not share its event loop.
 */
export async function measureHttp(dbPath: string, { seconds = 8, connections = 64, cases = 80_000 } = {}): Promise<HttpFigures> {
  const ready = await startBenchServer(dbPath, cases);
  try {
    const bare = await run({ url: `http://127.0.0.1:${ready.barePort}/bare`, method: 'POST', headers: HEADERS, body: BODY, connections, duration: seconds });

    let next = 0;
    const commands = await run({
      url: `http://127.0.0.1:${ready.commandPort}`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: HEADERS,
          body: BODY,
          setupRequest: (request) => ({ ...request, path: `/inspections/bench-${next++ % cases}/assignments` }),
        },
      ],
    });
    return {
      httpCommandsPerSec: Math.round(commands['2xx'] / seconds),
      httpBareNestPerSec: Math.round(bare['2xx'] / seconds),
      httpCommandErrors: commands.non2xx + commands.errors,
    };
  } finally {
    await ready.stop();
  }
}
