import { connect, type Socket } from 'node:net';
import { removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** Resolves with the milliseconds until the server closed the socket. */
function closedAfter(socket: Socket, started: number): Promise<number> {
  return new Promise((resolve) => socket.on('close', () => resolve(Date.now() - started)));
}

function open(server: TestServer): Promise<Socket> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Short limits so the test waits seconds, not the production defaults (server-config.ts). */
const limits = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, idleTimeoutMs: 1_000, keepAliveTimeoutMs: 500 };

describe('slow or lying clients cannot hold sockets', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, undefined, false, limits);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('closes 11 sockets whose Content-Length promises more body than they send', async () => {
    const sockets = await Promise.all(Array.from({ length: 11 }, () => open(server)));
    const started = Date.now();
    const closes = sockets.map((socket) => {
      socket.on('data', () => undefined);
      socket.write(`POST /plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Actor-Id: p\r\nX-Actor-Role: planner\r\n\r\n{"plan`);
      return closedAfter(socket, started);
    });
    const times = await Promise.all(closes);
    expect(Math.max(...times)).toBeLessThan(4_000);
  });

  it('closes a socket that trickles its headers', async () => {
    const socket = await open(server);
    socket.on('data', () => undefined);
    const started = Date.now();
    const closed = closedAfter(socket, started);
    socket.write('GET /health HTTP/1.1\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-A: b\r\n'), 200);
    const time = await closed;
    clearInterval(trickle);
    expect(time).toBeLessThan(3_000);
  });

  it('closes an idle keep-alive connection', async () => {
    const socket = await open(server);
    socket.on('data', () => undefined);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const started = Date.now();
    // Node adds a second to the advertised keep-alive timeout against races with the client.
    expect(await closedAfter(socket, started)).toBeLessThan(3_000);
  });
});
