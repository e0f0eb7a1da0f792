/**
 * The embedded PostgreSQL started by root from a folder the `postgres` user cannot enter
 * (a checkout under /root, `mktemp -d`): it must start, keep its data across restarts and
 * leave the private folder's mode alone. Only root can run this; elsewhere it is skipped
 * with the reason in its name.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';
import { POINTER_FILE } from './pg-placement';

const isRoot = process.getuid?.() === 0;
const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('the embedded PostgreSQL as root', () => {
  it.skipIf(!isRoot)(
    'starts from a data directory under a private (0700) folder and keeps its data (skipped unless run as root)',
    async () => {
      const privateDir = mkdtempSync(path.join(os.tmpdir(), 'accord-private-'));
      cleanup.push(privateDir);
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
      const dataDir = path.join(privateDir, 'data');
      const logs: string[] = [];

      const first = await startEmbedded(dataDir, (m) => logs.push(m));
      const cluster = readFileSync(path.join(dataDir, POINTER_FILE), 'utf8').trim();
      cleanup.push(cluster);
      try {
        expect(first.owned).toBe(true);
        expect(cluster.startsWith(privateDir)).toBe(false);
        expect(logs.join('\n')).toContain('cannot enter');
        await query(first.adminUrl, `create table kept (v text); insert into kept values ('Қазақстан')`);
      } finally {
        await first.stop();
      }

      const again = await startEmbedded(dataDir, (m) => logs.push(m));
      try {
        expect(await query(again.adminUrl, 'select v from kept')).toEqual([{ v: 'Қазақстан' }]);
        expect(readFileSync(path.join(dataDir, POINTER_FILE), 'utf8').trim()).toBe(cluster);
      } finally {
        await again.stop();
      }
      // The private folder stays private: nothing loosened its mode.
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    },
    120_000,
  );
});
