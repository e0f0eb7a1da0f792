/**
 * Vitest global setup: one PostgreSQL server for the whole run and a migrated template
 * database that every test file clones (CREATE DATABASE … TEMPLATE is a file copy, ~50 ms).
 *
 * With DATABASE_URL_TEST the server at that URL is used (CI runs the suite once more against
 * Debian's PostgreSQL 15 that way); otherwise the embedded PostgreSQL 18 is started in a
 * temporary directory and stopped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../db/client';
import { startEmbedded } from '../db/embedded';

export const TEMPLATE_DB = 'accord_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the server's `postgres` database (any database name is replaced). */
    pgServerUrl: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let stop = async () => {};
  let serverUrl: string;
  const external = process.env.DATABASE_URL_TEST;
  if (external) {
    serverUrl = withDatabase(external, 'postgres');
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-test-pg-'));
    const embedded = await startEmbedded(dir, undefined, { testSettings: true });
    serverUrl = embedded.adminUrl;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Leftovers of an earlier interrupted run on an external server.
  const old = await admin.query(
    `select datname from pg_database where datname like 'accord_t_%' or datname = $1`,
    [TEMPLATE_DB],
  );
  for (const r of old.rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();

  const template = openDatabase(withDatabase(serverUrl, TEMPLATE_DB), { max: 2 });
  await migrateDatabase(template);
  await template.close();

  project.provide('pgServerUrl', serverUrl);
  return async () => {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    const left = await a.query(
      `select datname from pg_database where datname like 'accord_t_%' or datname = $1`,
      [TEMPLATE_DB],
    );
    for (const r of left.rows) await a.query(`drop database if exists "${r.datname}" with (force)`);
    await a.end();
    await stop();
  };
}
