/**
 * Runs before every server test file. Those files share one module graph per worker
 * (`isolate: false` in vitest.config.ts: the app's modules load once per worker instead of
 * once per file, which was most of the suite's time), so the process-wide settings a file may
 * change (`runServer` sets both) go back to what a fresh process has.
 */
import { afterAll, expect } from 'vitest';
import { loadConfig } from '../config';
import { setAuditKey } from '../services/audit-keystore';
import { setEvidenceDir } from '../services/reports';

// A fresh process: the key from the environment's configuration, loaded when first needed,
// and no witness file.
setAuditKey(loadConfig(), { witnessDir: null });
setEvidenceDir(null);

// Two queries at once on one connection (a Promise.all inside a transaction) is a pg
// deprecation today and an error in pg 9: a file that triggers it fails, naming the warning.
const g = globalThis as { pgOverlaps?: string[] };
if (!g.pgOverlaps) {
  g.pgOverlaps = [];
  process.on('warning', (w) => {
    if (w.message.includes('already executing a query')) g.pgOverlaps!.push(w.stack ?? w.message);
  });
}
afterAll(() => {
  const seen = g.pgOverlaps!.splice(0);
  expect(seen, 'queries overlapped on one connection (use readAll in a transaction)').toEqual([]);
});
