// Closing summary for .ci/run. Usage: node .ci/summarize.mjs <out dir>
// Reads <out>/steps.tsv (name, exit code, seconds per step), <out>/services.txt and <out>/vitest.json.
// The last line printed is always "N passed, N failed"; exits 1 if anything failed, 0 otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const out = process.argv[2] ?? '.ci/out';
const root = join(out, '..', '..');

const steps = new Map();
for (const line of readFileSync(join(out, 'steps.tsv'), 'utf8').split('\n')) {
  const [name, code, seconds] = line.split('\t');
  if (name) steps.set(name, { code: code === '-' ? null : Number(code), seconds: Number(seconds) });
}
const services = existsSync(join(out, 'services.txt'))
  ? readFileSync(join(out, 'services.txt'), 'utf8').split('\n').filter(Boolean)
  : [];

let vitest = null;
try {
  vitest = JSON.parse(readFileSync(join(out, 'vitest.json'), 'utf8'));
} catch {
  // missing or unreadable: the test run crashed (or the build before it failed)
}

const outcome = (step) => {
  if (!step) return 'not run';
  if (step.code === 0) return 'ok';
  return step.code === 124 ? 'FAILED (time limit)' : `FAILED (exit ${step.code})`;
};

console.log('');
console.log('==================== CI summary ====================');
console.log('Timing:');
for (const [name, step] of steps) {
  const status = name === 'total' ? '' : outcome(step);
  console.log(`  ${name.padEnd(10)} ${String(step.seconds).padStart(5)}s  ${status}`.trimEnd());
}

let setupFailed = false;
const setup = ['npm ci', 'services', 'chromium'].filter((name) => steps.has(name));
for (const name of setup) {
  if (steps.get(name).code !== 0) setupFailed = true;
}
console.log(`Setup: ${setup.map((name) => `${name} ${outcome(steps.get(name))}`).join('; ')}`);
for (const service of services) console.log(`  ${service}`);

let passed = 0;
let failed = 0;
console.log('Suites:');
for (const name of ['lint', 'typecheck']) {
  const ok = steps.get(name)?.code === 0;
  if (ok) passed += 1;
  else failed += 1;
  console.log(`  ${name.padEnd(10)} ${ok ? 'passed' : outcome(steps.get(name))}`);
}

const vitestStep = steps.get('vitest');
if (vitest) {
  const files = vitest.testResults ?? [];
  const failedFiles = files.filter((file) => file.status !== 'passed');
  const skipped = (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  console.log(
    `  ${'vitest'.padEnd(10)} ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${skipped} skipped;` +
      ` files: ${files.length - failedFiles.length} passed, ${failedFiles.length} failed; npm test ${outcome(vitestStep)}`,
  );
  for (const file of failedFiles) {
    const failures = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    console.log(`    ${relative(root, file.name)}: ${failures.length ? `${failures.length} failed` : 'file failed'}`);
    for (const test of failures.slice(0, 10)) console.log(`      x ${test.fullName}`);
    if (failures.length > 10) console.log(`      ... and ${failures.length - 10} more`);
    if (!failures.length && file.message) console.log(`      ${file.message.split('\n')[0]}`);
  }
  if (vitestStep?.code !== 0 && vitest.numFailedTests === 0) {
    // e.g. a file that failed to load, an unhandled error, or the time limit: no failing test to count
    failed += 1;
    console.log(
      '    vitest failed without a failing test (load error, unhandled error or time limit): counted as 1 failed',
    );
  }
} else {
  failed += 1;
  console.log(
    `  ${'vitest'.padEnd(10)} no JSON report: test run crashed or the build failed; npm test ${outcome(vitestStep)}`,
  );
}

if (setupFailed) console.log('Setup failed (see above): the run is failed whatever the counts say.');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || setupFailed ? 1 : 0;
