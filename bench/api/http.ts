/**
 * HTTP load: the real server (bench/api/server-child.ts) in its own process, listening on
 * 127.0.0.1, and keep-alive clients here (one connection per worker), each signed in with a Bearer
 * token as an API client would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `script` with `env` and waits for its {"url": …} line. */
export function startServerProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the server process did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited (${code}): ${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        const { url } = JSON.parse(line) as { url: string };
        resolve({ url, child, stop });
      } catch {
        void stop();
        reject(new Error(`unexpected output from the server process: ${line}`));
      }
    });
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** One request on `agent`; the whole body is read. */
export function httpRequest(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...(options.body !== undefined
            ? {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(options.body)),
              }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Signs in as an API client and returns the Bearer token. */
export async function apiLogin(
  agent: Agent,
  base: string,
  username: string,
  password: string,
): Promise<string> {
  const res = await httpRequest(agent, `${base}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ username, password, client: 'api' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${res.body}`);
  const token = (JSON.parse(res.body) as { token?: string }).token;
  if (!token) throw new Error(`login ${username}: no token in the answer`);
  return token;
}

export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}
