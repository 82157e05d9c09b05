import { z } from 'zod';

export type DatabaseEngine = 'sqlite' | 'mysql' | 'postgres';

export type DatabaseTarget =
  { engine: 'sqlite'; filename: string } | { engine: 'mysql'; url: string } | { engine: 'postgres'; url: string };

/** `sqlite:./data/spaflow.db`, `sqlite::memory:`, `mysql://…` (also `mariadb://…`), `postgres://…`. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite': {
      const filename = url.slice('sqlite:'.length).replace(/^\/\//, '');
      if (filename === '') throw new Error('a sqlite URL needs a file name, e.g. sqlite:./data/spaflow.db');
      return { engine: 'sqlite', filename };
    }
    case 'mysql':
    case 'mariadb':
      return { engine: 'mysql', url: url.replace(/^mariadb:/i, 'mysql:') };
    case 'postgres':
    case 'postgresql':
      return { engine: 'postgres', url };
    default:
      throw new Error(
        `unsupported scheme ${scheme ? `'${scheme}:'` : '(none)'}; use sqlite:<file>, mysql://… (MariaDB too) or postgres://…`,
      );
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isCurrency(value: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: value });
    return /^[A-Z]{3}$/.test(value);
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const originSchema = z.url().transform((value, ctx) => {
  const origin = new URL(value).origin;
  if (origin === 'null') ctx.addIssue({ code: 'custom', message: `'${value}' has no origin` });
  return origin;
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/spaflow.db')
    .transform((value, ctx) => {
      try {
        return parseDatabaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, colon, dash and underscore, at most 64')
    .default('spaflow'),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(originSchema)),
  BUSINESS_TIMEZONE: z.string().default('Asia/Manila').refine(isTimeZone, 'not an IANA time zone, e.g. Asia/Manila'),
  CURRENCY: z.string().default('PHP').refine(isCurrency, 'not an ISO 4217 currency code, e.g. PHP'),
  LOCALE: z.string().default('en-PH').refine(isLocale, 'not a BCP 47 locale, e.g. en-PH'),
  SHOP_NAME: z.string().min(1).max(120).default('SpaFlow Demo Spa'),
  SHOP_ADDRESS: z.string().max(300).default('123 Demo Street, Makati City, Metro Manila'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .describe('addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed'),
  WEB_DIST_DIR: z.string().min(1).optional().describe('the built station screens to serve; default apps/web/dist'),
  TEST_PAYMENT_ANSWER_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .describe('tests only: hold a payment answer this long after its commit (the crash test kills the server then)'),
  SEED_DEMO_DATA: z
    .enum(['auto', 'never'])
    .default('auto')
    .describe('auto: load the demo data into an empty database (never when NODE_ENV=production)'),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseTarget;
  redisUrl: string | undefined;
  /** Names this shop's keys in Redis, so several shops (or test runs) can share one server. */
  redisKeyPrefix: string;
  allowedOrigins: string[];
  businessTimeZone: string;
  currency: string;
  locale: string;
  shopName: string;
  shopAddress: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Demo data is loaded into an empty database only outside production and when not switched off. */
  seedDemoData: boolean;
  /**
   * Reverse proxies (nginx) whose X-Forwarded-For names the real client: login limits count per client
   * address, which behind a proxy would otherwise be the proxy's own. Empty: no proxy is believed.
   */
  trustProxy: string[];
  /** The built web app served at the station paths; undefined: apps/web/dist. */
  webDistDir: string | undefined;
  /** Tests only (never outside NODE_ENV=test): how long a payment's answer waits after its commit. */
  testPaymentAnswerDelayMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  return {
    nodeEnv: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    database: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    allowedOrigins: values.ALLOWED_ORIGINS,
    businessTimeZone: values.BUSINESS_TIMEZONE,
    currency: values.CURRENCY,
    locale: values.LOCALE,
    shopName: values.SHOP_NAME,
    shopAddress: values.SHOP_ADDRESS,
    logLevel: values.LOG_LEVEL,
    seedDemoData: values.SEED_DEMO_DATA === 'auto' && values.NODE_ENV !== 'production',
    trustProxy: values.TRUST_PROXY,
    webDistDir: values.WEB_DIST_DIR,
    testPaymentAnswerDelayMs: values.NODE_ENV === 'test' ? values.TEST_PAYMENT_ANSWER_DELAY_MS : 0,
  };
}
