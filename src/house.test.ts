/**
 * The house rules a linter cannot see, checked on the tree itself: writes go through `mutate`
 * (so no write can forget its audit event), and files stay small enough to read.
 * The import rules between layers are Biome's `noRestrictedImports` (biome.json).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...files(rel, ext));
    else if (ext.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}
const lines = (f: string) => readFileSync(path.join(ROOT, f), 'utf8').split('\n').length;

/**
 * Transactions that are not use-case writes: sealing the chain, counting sign-in attempts,
 * savepoints, and the backup restore (one transaction of its own over a raw connection).
 */
const OWN_TRANSACTIONS = new Set([
  'src/services/core/mutate.ts',
  'src/services/backup/import.ts',
  'src/services/audit-seal.ts',
  'src/services/sign-in-limits.ts',
  'src/services/measures/bulk.ts',
]);

describe('house rules', () => {
  it('every write of a use case runs through mutate, which records its audit events', () => {
    const offenders = [...files('src/services', /\.ts$/), ...files('src/seed', /\.ts$/)].filter(
      (f) =>
        !OWN_TRANSACTIONS.has(f) &&
        /\.transaction\(|['"]begin['"]/.test(readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('use cases stay under about 300 lines and web components under about 250', () => {
    const big = [
      ...files('src/services', /\.ts$/).filter((f) => lines(f) > 320),
      ...files('src/web', /\.tsx$/).filter((f) => lines(f) > 270),
    ];
    expect(big).toEqual([]);
  });
});
