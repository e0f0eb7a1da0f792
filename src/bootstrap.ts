/**
 * Opening the system for the server and for the CLI: configuration, database (embedded or
 * DATABASE_URL), migrations and the morphology dictionaries, in that order.
 */
import { type Config, loadConfig } from './config';
import { connect, type Database, migrateDatabase } from './db/client';
import type { EmbeddedServer } from './db/embedded';
import { sealAudit } from './services/audit-seal';
import type { Ctx } from './services/context';
import { ensureSearchIndex } from './services/search/reindex';
import { initMorphology } from './text';

export interface System {
  config: Config;
  database: Database & { embedded: EmbeddedServer | null };
  ctx: Ctx;
  close(): Promise<void>;
}

export async function openSystem(
  opts: {
    migrate?: boolean;
    log?: (m: string) => void;
    poolSize?: number;
    config?: Config;
    /** Sweep the audit chain's unsealed events this often (the server; each write also asks for a seal). */
    sealEveryMs?: number;
  } = {},
): Promise<System> {
  const config = opts.config ?? loadConfig();
  const database = await connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: opts.log,
    poolSize: opts.poolSize,
  });
  try {
    if (opts.migrate !== false) await migrateDatabase(database);
    await initMorphology();
    if (opts.migrate !== false) await ensureSearchIndex(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const ctx: Ctx = { db: database.db, now: () => new Date() };
  // events another instance or a CLI run left unsealed are sealed at start and by the sweep
  await sealAudit(database.db).catch(() => 0);
  const sweep = opts.sealEveryMs
    ? setInterval(() => void sealAudit(database.db).catch(() => 0), opts.sealEveryMs).unref()
    : null;
  return {
    config,
    database,
    ctx,
    close: async () => {
      if (sweep) clearInterval(sweep);
      // what this process wrote is sealed before it lets go of the database
      await sealAudit(database.db, { wait: true }).catch(() => 0);
      await database.close();
    },
  };
}
