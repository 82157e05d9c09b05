import { spawn } from 'node:child_process';
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
