/**
 * Configuration from the environment, validated once at start-up: a bad variable stops the
 * process with a message that names it and the rule it broke.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The names proxy-addr (behind Fastify's `trustProxy`) knows for address ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [addr, bits, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * Whom to believe about the client's address (`X-Forwarded-For`) and protocol: `false`
 * (nobody, the default), `true` (any peer), or proxy addresses/CIDRs. No hop count: Fastify 5
 * refuses to trust one, since it cannot tell a proxy from a client that adds hops itself.
 */
export type TrustProxy = boolean | string[];

const TrustProxyVar = z
  .string()
  .trim()
  .transform((v, c): TrustProxy => {
    if (v === 'false' || v === '0') return false;
    if (v === 'true') return true;
    const list = v.split(',').map((x) => x.trim());
    const bad = list.filter((x) => !isProxyAddress(x));
    if (bad.length === 0 && list.length > 0) return list;
    c.addIssue({
      code: 'custom',
      message: `must be true (trust any peer) or a comma-separated list of proxy addresses or CIDRs such as 127.0.0.1,10.0.0.0/8 (not understood: ${bad.join(', ') || v})`,
    });
    return z.NEVER;
  });

/** Five cron fields (minute hour day month weekday), as pg-boss schedules take them. */
const CronVar = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a cron expression of five fields, such as 0 6 * * *');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ACCORD_DATA_DIR: z.string().min(1).default('.accord'),
  ACCORD_ADMIN_EMAIL: z.email('must be an e-mail address').default('admin@accord.local'),
  ACCORD_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  ACCORD_DEMO: z.enum(['0', '1'], 'must be 0 or 1').default('1'),
  ACCORD_PUBLIC_URL: z.url('must be a URL such as https://accord.example.org').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Set behind a reverse proxy: then X-Forwarded-For names the client, cookies are Secure, HSTS is sent. */
  ACCORD_TRUST_PROXY: TrustProxyVar.optional(),
  /** Signs the audit checkpoints; by default generated once into <ACCORD_DATA_DIR>/audit.key. */
  ACCORD_AUDIT_KEY: z
    .string()
    .min(32, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 32`')
    .max(1000)
    .optional(),
  /** Sessions last this many hours after the last request. */
  ACCORD_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** When the daily report reminders and the digest e-mails go out (cron, in ACCORD_JOBS_TZ). */
  ACCORD_REMINDERS_CRON: CronVar.default('0 6 * * *'),
  ACCORD_DIGEST_CRON: CronVar.default('0 18 * * *'),
  ACCORD_JOBS_TZ: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Almaty')
    .default('Asia/Almaty'),
  /** Password hashing cost: `owasp` (production) or `test` (src/services/passwords.ts). */
  ACCORD_ARGON2_COST: z.enum(['owasp', 'test'], 'must be owasp or test').default('owasp'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminEmail: string;
  adminPassword?: string;
  demo: boolean;
  publicUrl?: string;
  smtpUrl?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionHours: number;
  argon2Cost: 'owasp' | 'test';
  /** Fastify's `trustProxy`; false unless ACCORD_TRUST_PROXY is set. */
  trustProxy: TrustProxy;
  /** ACCORD_AUDIT_KEY, when given; otherwise the key file in the data directory is used. */
  auditKey?: string;
  /** The schedules of the jobs queue (cron) and their time zone. */
  remindersCron: string;
  digestCron: string;
  jobsTimeZone: string;
}

/**
 * True when people reach the server over TLS (a trusted proxy in front, or an https public
 * address): the session cookie is then Secure and responses carry HSTS.
 */
export function servesOverTls(c: { trustProxy?: TrustProxy; publicUrl?: string }): boolean {
  return (c.trustProxy !== undefined && c.trustProxy !== false) || /^https:/i.test(c.publicUrl ?? '');
}

/** Thrown for an invalid environment; `problems` lists `NAME: rule` lines. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; empty variables count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.safeParse(cleaned);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ACCORD_DATA_DIR),
    adminEmail: e.ACCORD_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ACCORD_ADMIN_PASSWORD,
    demo: e.ACCORD_DEMO === '1',
    publicUrl: e.ACCORD_PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.ACCORD_SESSION_HOURS,
    trustProxy: e.ACCORD_TRUST_PROXY ?? false,
    auditKey: e.ACCORD_AUDIT_KEY,
    argon2Cost: e.ACCORD_ARGON2_COST,
    remindersCron: e.ACCORD_REMINDERS_CRON,
    digestCron: e.ACCORD_DIGEST_CRON,
    jobsTimeZone: e.ACCORD_JOBS_TZ,
  };
}
