import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AppError, staffCreateInputSchema } from '@spaflow/domain';
import { systemClock } from '../clock.js';
import { migrateToLatest } from '../db/migrate.js';
import { createStaffMember } from '../modules/staff/staff.service.js';
import { runCli } from './run-cli.js';

const usage =
  'Usage: npm run admin:create -- --username <name> [--display-name "<name>"]\n' +
  'The password is asked for (hidden), or read from the first line of standard input when it is not a terminal.';

/** Reads the password without echoing it on a terminal, or as one line from a pipe (for provisioning scripts). */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin, terminal: false });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  const ask = async (question: string) => {
    process.stdout.write(question);
    muted = true;
    const answer = await prompt.question('');
    muted = false;
    process.stdout.write('\n');
    return answer;
  };
  const first = await ask('Password (at least 8 characters): ');
  const second = await ask('Repeat the password: ');
  prompt.close();
  if (first !== second) throw new Error('The two passwords differ; nothing was created.');
  return first;
}

runCli(async ({ database }) => {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
    strict: true,
  });
  if (!values.username) throw new Error(usage);
  const parsed = staffCreateInputSchema.safeParse({
    role: 'admin',
    username: values.username,
    displayName: values['display-name'] ?? 'Administrator',
    password: await readPassword(),
  });
  if (!parsed.success) {
    throw new Error(
      `Nothing was created: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
    );
  }
  await migrateToLatest(database);
  try {
    const id = await createStaffMember({ database, clock: systemClock }, parsed.data);
    return `Created admin "${parsed.data.username}" (id ${id}); it can sign in now.`;
  } catch (error) {
    if (error instanceof AppError) throw new Error(`Nothing was created: ${error.message}`, { cause: error });
    throw error;
  }
});
