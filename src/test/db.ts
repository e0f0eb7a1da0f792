/**
 * Test databases: each call clones the migrated template into a fresh database, so test
 * files never see each other's rows. Use from `beforeAll`:
 *
 *     const t = await createTestDatabase();
 *     afterAll(() => t.close());
 *     const ctx = t.ctx; // services' Ctx with a fixed clock
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client';
import type { Ctx } from '../services/context';
import { initMorphology } from '../text';

const TEMPLATE_DB = 'accord_test_template';

export interface TestDatabase extends Database {
  /** A service context on this database whose clock is fixed at `now`. */
  ctx: Ctx;
  /** Drops the database (after closing the pool). */
  close(): Promise<void>;
}

/** The date tests treat as today unless they pass another: overdue and at-risk depend on it. */
export const TEST_NOW = new Date('2026-06-15T09:00:00Z');

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(
  opts: { now?: Date; poolSize?: number } = {},
): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const name = `accord_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await initMorphology();
  const database = openDatabase(withDatabase(serverUrl, name), { max: opts.poolSize ?? 10 });
  const now = opts.now ?? TEST_NOW;
  return {
    ...database,
    ctx: { db: database.db, now: () => now },
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
