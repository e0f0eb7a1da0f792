/**
 * `accord start`: opens the system, creates the first admin, loads the demo data into an
 * empty database, builds the web app when needed and serves everything on HOST:PORT.
 * SIGINT/SIGTERM stop accepting connections, let running requests finish, then stop the
 * embedded PostgreSQL cleanly.
 */
import { randomBytes } from 'node:crypto';
import { openSystem } from '../bootstrap';
import { type Config, loadConfig } from '../config';
import { SYSTEM_ACTOR } from '../domain/policies';
import { startAuditCheckpoints } from '../services/audit-checkpoints';
import { loadAuditKey, setAuditKey } from '../services/audit-keystore';
import { setEvidenceDir } from '../services/reports';
import { type JobTiming, startJobs } from '../services/jobs/runner';
import { createMailer } from '../services/mail/transport';
import { DEMO_PASSWORD, DEMO_USER_EMAILS, loadDemo } from '../seed/demo';
import { isEmpty } from '../services/health';
import { ensureAdmin } from '../services/users';
import { buildApp } from './app';
import { serverLogger } from './logging';
import { ensureWebBuild } from './web-build';

/** Where a running server writes: the banner and progress (`out`) and its log. */
export interface ServerOutput {
  out(line: string): void;
  log?: { write(line: string): void };
}

/** A server `runServer` started: its address and how to stop it. */
export interface RunningServer {
  url: string;
  /** Requests a background job now (tests, the operator): see services/jobs/registry.ts. */
  triggerJob(name: string): Promise<string | null>;
  close(): Promise<void>;
}

const stdoutOutput: ServerOutput = { out: (m) => process.stdout.write(`${m}\n`) };

/**
 * Starts the server. The CLI passes nothing (process env, stdout, signal handlers that end
 * the process); a test passes its own config and output and stops it with `close()`.
 */
export async function runServer(
  opts: {
    buildWeb?: boolean;
    config?: Config;
    output?: ServerOutput;
    handleSignals?: boolean;
    /** How fast the jobs queue polls and retries (tests make it quick). */
    jobTiming?: Partial<JobTiming>;
  } = {},
): Promise<RunningServer> {
  const started = Date.now();
  const { out: say, log } = opts.output ?? stdoutOutput;
  const system = await openSystem({
    config: opts.config ?? loadConfig(),
    log: (m) => say(`accord: ${m}`),
    sealEveryMs: 1000,
  });
  const { config, ctx, database } = system;
  let stopping = false;
  try {
    const generated = config.adminPassword ? null : randomBytes(12).toString('base64url');
    const created = await ensureAdmin(ctx, config.adminEmail, config.adminPassword ?? generated!);

    if (config.demo) {
      if (await isEmpty(ctx)) {
        const s = await loadDemo(ctx, SYSTEM_ACTOR);
        say(
          `accord: loaded the demo dataset: ${s.agreements} agreement with ${s.provisions} provisions, ${s.roadmaps} roadmap with ${s.measures} measures and ${s.periods} reporting periods, ${s.organisations} organisations, ${s.users} demo users`,
        );
      }
    }

    if (opts.buildWeb !== false) ensureWebBuild((m) => say(`accord: ${m}`));

    // Before listening: an unsafe or garbled key file stops the start with its reason.
    setAuditKey(loadAuditKey(config), { witnessDir: config.dataDir });
    // Evidence files live in PostgreSQL unless the operator names a data directory.
    setEvidenceDir(process.env.ACCORD_DATA_DIR ? config.dataDir : null);
    const app = await buildApp({
      ctx,
      config,
      logger: serverLogger(config.logLevel, log),
      validateResponses: process.env.ACCORD_VALIDATE_RESPONSES === '1',
    });
    await app.listen({ port: config.port, host: config.host });
    const checkpoints = await startAuditCheckpoints(ctx, {
      onError: (e) => app.log.error({ err: e }, 'could not sign the audit trail head'),
    });
    // the period schedule, period generation, reminders, digests and e-mail delivery
    const mailer = createMailer(config.smtpUrl);
    const jobs = await startJobs({
      ctx,
      url: database.url,
      mail: { mailer, publicUrl: config.publicUrl, log: (m) => app.log.warn(m) },
      schedules: {
        remindersCron: config.remindersCron,
        digestCron: config.digestCron,
        timeZone: config.jobsTimeZone,
      },
      timing: opts.jobTiming,
      onError: (e) => app.log.error({ err: e }, 'a background job failed'),
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    const close = async () => {
      stopping = true;
      try {
        await app.close();
        await checkpoints.stop();
        await jobs.stop();
        mailer?.close();
      } finally {
        await system.close();
      }
    };
    if (opts.handleSignals !== false) {
      const stop = async (signal: string) => {
        if (stopping) return;
        say(`accord: ${signal} received, finishing requests and stopping…`);
        const force = setTimeout(() => process.exit(1), 30_000);
        force.unref();
        try {
          await close();
        } finally {
          say('accord: stopped');
          process.exit(0);
        }
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    }

    say('');
    say(`Accord is running at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`  API documentation: ${url}/api/docs`);
    say(
      `  Database: ${database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
    );
    if (created && generated) {
      say(`  Sign in as ${config.adminEmail} with the password ${generated}`);
      say(
        '  (generated now and shown only once: set ACCORD_ADMIN_PASSWORD to choose it, or change it in Profile)',
      );
    } else if (created) {
      say(`  Sign in as ${config.adminEmail} with the password from ACCORD_ADMIN_PASSWORD`);
    } else {
      say(
        `  Sign in as ${config.adminEmail} (its password was set at first start; \`accord user password\` resets it)`,
      );
    }
    say(
      mailer
        ? '  E-mail: notifications are sent through SMTP_URL'
        : '  E-mail: SMTP_URL is not set, so notifications are shown in the app only',
    );
    if (config.demo) say(`  Demo users: ${DEMO_USER_EMAILS.join(', ')} — password ${DEMO_PASSWORD}`);
    if (config.argon2Cost === 'test') {
      say('  Warning: ACCORD_ARGON2_COST=test hashes passwords cheaply; never use it in production');
    }
    say(`Press Ctrl+C to stop. Requests are logged at LOG_LEVEL=debug (now ${config.logLevel}).`);
    return { url, close, triggerJob: (name) => jobs.trigger(name) };
  } catch (e) {
    if (!stopping) await system.close().catch(() => {});
    throw e;
  }
}
