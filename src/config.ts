/**
 * Configuration from the environment, validated once at start-up: a bad variable stops the
 * process with a message that names it and the rule it broke.
 */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  /** Sessions last this many hours after the last request. */
  ACCORD_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
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
    argon2Cost: e.ACCORD_ARGON2_COST,
  };
}
