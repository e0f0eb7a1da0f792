import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build';

describe('web build staleness', () => {
  it('is stale without a build, fresh after it, stale again when a source changes', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'accord-webbuild-'));
    mkdirSync(path.join(root, 'src/web'), { recursive: true });
    writeFileSync(path.join(root, 'src/web/main.tsx'), 'export {};');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'src/web/main.tsx'), old, old);
    expect(webBuildIsStale(root)).toBe(true);
    mkdirSync(path.join(root, 'dist/web'), { recursive: true });
    writeFileSync(path.join(root, 'dist/web/index.html'), '<!doctype html>');
    expect(webBuildIsStale(root)).toBe(false);
    writeFileSync(path.join(root, 'src/web/main.tsx'), 'export const x = 1;');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/web/main.tsx'), later, later);
    expect(webBuildIsStale(root)).toBe(true);
  });
});
