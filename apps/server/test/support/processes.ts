import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export type ProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs one of the built entry points (dist/…) as its own process, the way npm scripts and app nodes do. */
export function runBuilt(
  script: string,
  options: { env?: Record<string, string>; args?: string[]; input?: string } = {},
): Promise<ProcessResult> {
  const path = fileURLToPath(new URL(`../../dist/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path, ...(options.args ?? [])], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export type ServerProcess = { url: string; kill(signal: NodeJS.Signals): Promise<void> };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built server (dist/main.js) as its own process, answered once it listens; killed by signal like a crash. */
export async function startBuiltServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const path = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [path], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('SpaFlow is running')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the server exited before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}
