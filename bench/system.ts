/**
 * The benchmark's database: an embedded PostgreSQL of its own (or a fresh database on the
 * server of DATABASE_URL), migrated, filled by the synthetic data generator, with an admin
 * and an API token to call the API as.
 *
 * Generating 100,000 measures takes minutes, so the embedded data directory is kept under
 * bench/.data/<measures>-<seed>/ and reused by the next run with the same size and seed,
 * as long as the generator and the migrations are unchanged (a fingerprint says so).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { connect, type Database, MIGRATIONS_DIR, migrateDatabase, openDatabase } from '../src/db/client';
import type { EmbeddedServer } from '../src/db/embedded';
import { users } from '../src/db/schema';
import type { Actor } from '../src/domain/policies';
import { actorOf } from '../src/services/auth';
import type { Ctx } from '../src/services/context';
import { createToken, revokeToken } from '../src/services/tokens';
import { ensureAdmin } from '../src/services/users';
import { initMorphology } from '../src/text';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_ROOT = path.join(ROOT, 'bench', '.data');
// ACCORD_BENCH_GENERATOR: another module exporting generateDataset with the same signature.
const GENERATOR = process.env.ACCORD_BENCH_GENERATOR
  ? path.resolve(process.env.ACCORD_BENCH_GENERATOR)
  : path.join(ROOT, 'src', 'seed', 'generate.ts');

/** The account the benchmark signs in as (browser) and issues its token for (autocannon). */
export const BENCH_ADMIN = { email: 'bench-admin@accord.local', password: 'bench-password-2026' };

export interface BenchDatabase {
  database: Database & { embedded: EmbeddedServer | null };
  ctx: Ctx;
  admin: Actor;
  /** Bearer token of the admin, revoked by close(). */
  token: string;
  /** The embedded PostgreSQL's postmaster, for CPU accounting (null on DATABASE_URL). */
  postmasterPid: number | null;
  /** How the data came to be, for the output: generated now, or reused from an earlier run. */
  origin: string;
  close(): Promise<void>;
}

type Generate = (ctx: Ctx, actor: Actor, opts: { measures: number; seed: number }) => Promise<unknown>;

/** The data generator (src/seed/generate.ts), or a clear error when it is not there yet. */
async function loadGenerator(): Promise<Generate> {
  if (!existsSync(GENERATOR)) throw new Error(`the data generator ${GENERATOR} does not exist`);
  const mod = (await import(GENERATOR)) as { generateDataset?: Generate };
  if (typeof mod.generateDataset !== 'function') throw new Error(`${GENERATOR} exports no generateDataset`);
  return mod.generateDataset;
}

/** Changes when the generator or the schema changes: a cached dataset is then rebuilt. */
function fingerprint(): string {
  const h = createHash('sha256');
  if (existsSync(GENERATOR)) h.update(readFileSync(GENERATOR));
  for (const f of readdirSync(MIGRATIONS_DIR)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

interface Marker {
  measures: number;
  seed: number;
  fingerprint: string;
  generatedAt: string;
  generateSeconds: number;
}

async function prepareAdmin(ctx: Ctx): Promise<{ admin: Actor; token: string; tokenId: string }> {
  await ensureAdmin(ctx, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const [u] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${BENCH_ADMIN.email}`);
  if (u.disabled) await ctx.db.update(users).set({ disabled: false }).where(eq(users.id, u.id));
  const admin = actorOf(u);
  const created = await createToken(ctx, admin, u.id, {
    name: `bench ${new Date().toISOString()}`,
    expiresInDays: 1,
  });
  return { admin, token: created.token, tokenId: created.id };
}

async function generate(ctx: Ctx, admin: Actor, measures: number, seed: number, log: (m: string) => void) {
  const generateDataset = await loadGenerator();
  log(`generating ${measures.toLocaleString('en')} measures (seed ${seed})…`);
  const t0 = performance.now();
  await generateDataset(ctx, admin, { measures, seed });
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  // Fresh statistics, as autovacuum would have them on a database in service.
  await ctx.db.execute(sql`vacuum analyze`);
  log(`generated in ${seconds} s`);
  return seconds;
}

/**
 * Opens the database for one dataset size. `fresh` forces regeneration; `temp` puts the
 * embedded server in a temporary directory that is deleted afterwards.
 */
export async function openBenchDatabase(opts: {
  measures: number;
  seed: number;
  fresh: boolean;
  temp: boolean;
  log: (m: string) => void;
}): Promise<BenchDatabase> {
  const { measures, seed, log } = opts;
  await initMorphology();
  const databaseUrl = process.env.DATABASE_URL;

  let database: Database & { embedded: EmbeddedServer | null };
  let origin: string;
  let cleanup = async () => {};
  let marker: Marker | null = null;
  let markerPath: string | null = null;
  let postmasterPid: number | null = null;
  const fp = fingerprint();

  if (databaseUrl) {
    // Never touch the configured database itself: a dedicated one is created beside it.
    const name = `accord_bench_${measures}_${seed}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    database = { ...openDatabase(u.toString(), { max: 20 }), embedded: null };
    origin = `generated in database ${name} on DATABASE_URL's server`;
    cleanup = async () => {
      const a = new pg.Client({ connectionString: databaseUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    };
  } else {
    const dir = opts.temp
      ? mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'))
      : path.join(DATA_ROOT, `${measures}-${seed}`);
    markerPath = path.join(dir, 'dataset.json');
    if (existsSync(markerPath)) {
      const m = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
      if (!opts.fresh && m.measures === measures && m.seed === seed && m.fingerprint === fp) marker = m;
    }
    if (!marker && existsSync(dir) && !opts.temp) {
      log(
        `discarding ${path.relative(ROOT, dir)} (${opts.fresh ? '--fresh' : 'generator or schema changed'})`,
      );
      rmSync(dir, { recursive: true, force: true });
    }
    database = await connect({ dataDir: dir, log, poolSize: 20 });
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) postmasterPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null;
    origin = marker
      ? `reused bench/.data/${measures}-${seed} (generated ${marker.generatedAt} in ${marker.generateSeconds} s)`
      : opts.temp
        ? `generated in temporary ${dir}`
        : `generated into bench/.data/${measures}-${seed}`;
    if (opts.temp) cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }

  try {
    await migrateDatabase(database);
    const ctx: Ctx = { db: database.db, now: () => new Date() };
    const { admin, token, tokenId } = await prepareAdmin(ctx);
    if (!marker) {
      const generateSeconds = await generate(ctx, admin, measures, seed, log);
      origin += ` in ${generateSeconds} s`;
      if (markerPath && !opts.temp) {
        const m: Marker = {
          measures,
          seed,
          fingerprint: fp,
          generatedAt: new Date().toISOString(),
          generateSeconds,
        };
        writeFileSync(markerPath, JSON.stringify(m, null, 2));
      }
    }
    return {
      database,
      ctx,
      admin,
      token,
      origin,
      postmasterPid,
      close: async () => {
        await revokeToken(ctx, admin, admin.userId, tokenId).catch(() => {});
        await database.close();
        await cleanup();
      },
    };
  } catch (e) {
    await database.close();
    await cleanup();
    throw e;
  }
}
