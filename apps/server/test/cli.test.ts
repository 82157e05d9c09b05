import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { runBuilt } from './support/processes.js';

/** The npm scripts' entry points, run as processes against a database of their own. */
describe('command-line tools', () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const testDb of opened) await testDb.drop();
  });

  async function freshDatabaseUrl(): Promise<{ url: string; testDb: TestDatabase }> {
    const testDb = await createTestDatabase('sqlite');
    opened.push(testDb);
    return { url: testDb.url, testDb };
  }

  it('db:seed loads the demo data once, then reports that nothing changed', async () => {
    const { url, testDb } = await freshDatabaseUrl();
    const first = await runBuilt('cli/db-seed.js', { env: { DATABASE_URL: url } });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Loaded the demo data (44 rows)');
    const second = await runBuilt('cli/db-seed.js', { env: { DATABASE_URL: url } });
    expect(second.stdout).toContain('nothing changed');
    const accounts = await testDb.database.db.selectFrom('accounts').select('username').execute();
    expect(accounts).toHaveLength(10);
  });

  it('db:seed refuses to run in production', async () => {
    const { url, testDb } = await freshDatabaseUrl();
    const result = await runBuilt('cli/db-seed.js', { env: { DATABASE_URL: url, NODE_ENV: 'production' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Refusing to load demo data with NODE_ENV=production');
    const tables = await testDb.database.db.introspection.getTables();
    expect(tables).toHaveLength(0);
  });

  it('admin:create makes the first admin of a production database, who can then sign in', async () => {
    const { url, testDb } = await freshDatabaseUrl();
    const env = { DATABASE_URL: url, NODE_ENV: 'production' };
    const created = await runBuilt('cli/admin-create.js', {
      env,
      args: ['--username', 'owner', '--display-name', 'Shop Owner'],
      input: 'a-long-secret\n',
    });
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^Created admin "owner" \(id \d+\); it can sign in now\.\n$/);
    const account = await testDb.database.db
      .selectFrom('accounts')
      .select(['username', 'display_name', 'role', 'active'])
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ username: 'owner', display_name: 'Shop Owner', role: 'admin', active: 1 });
    expect(await testDb.database.db.selectFrom('rooms').selectAll().execute()).toEqual([]);

    const again = await runBuilt('cli/admin-create.js', {
      env,
      args: ['--username', 'owner'],
      input: 'another-secret\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The username "owner" is taken');
  });

  it('admin:create refuses a short password or a bad username and creates nothing', async () => {
    const { url, testDb } = await freshDatabaseUrl();
    const short = await runBuilt('cli/admin-create.js', {
      env: { DATABASE_URL: url },
      args: ['--username', 'boss'],
      input: 'short\n',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password at least 8 characters');
    const badName = await runBuilt('cli/admin-create.js', {
      env: { DATABASE_URL: url },
      args: ['--username', 'no spaces please'],
      input: 'long-enough-password\n',
    });
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain('username letters, digits');
    const missing = await runBuilt('cli/admin-create.js', { env: { DATABASE_URL: url } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Usage: npm run admin:create');
    expect(await testDb.database.db.introspection.getTables()).toHaveLength(0);
  });
});
