/** `accord import-roadmap` in-process against a fresh database: dry run, save, JSON, refusals. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildWorld, type World } from '../../test/factories';
import { xlsxOf } from '../../test/import-files';
import { runCli } from '../main';

let db: TestDatabase;
let w: World;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase({ now: new Date() });
  w = await buildWorld(db.ctx);
  dir = mkdtempSync(path.join(os.tmpdir(), 'accord-import-'));
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function accord(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'accord', ...args], {
    env: { ...process.env, DATABASE_URL: db.url, ACCORD_DEMO: '0' },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const HEAD = ['Код', 'Наименование мероприятия', 'Срок исполнения', 'Ответственные (KZ)'];

describe('accord import-roadmap', () => {
  it('previews with --dry-run, saves, and answers --json', async () => {
    const file = path.join(dir, 'карта.xlsx');
    writeFileSync(file, await xlsxOf([HEAD, ['1', 'Провести форум', '31.12.2026', 'МИД KZ']]));
    const dry = await accord('import-roadmap', file, '--roadmap', w.roadmap.id, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/dry run: would create 1, update 0, unchanged 0/);
    const count = async () =>
      Number(
        (
          await db.ctx.db.execute(
            sql`select count(*)::int as n from measures where roadmap_id = ${w.roadmap.id}`,
          )
        ).rows[0].n,
      );
    expect(await count()).toBe(0);
    const real = await accord('import-roadmap', file, '--roadmap', w.roadmap.id, '--json');
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, create: 1 });
    expect(await count()).toBe(1);
  });

  it('exits non-zero naming each problem, and refuses a file that is not a table', async () => {
    const file = path.join(dir, 'плохо.xlsx');
    writeFileSync(file, await xlsxOf([HEAD, ['1', 'Строка', 'никогда', 'Неизвестное ведомство']]));
    const dry = await accord('import-roadmap', file, '--roadmap', w.roadmap.id, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/row 2, Срок исполнения: «никогда» is not a date/);
    expect(dry.stderr).toMatch(/unmatched organisation «Неизвестное ведомство»/);
    const real = await accord('import-roadmap', file, '--roadmap', w.roadmap.id);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/rows\.2\.Срок исполнения/);
    const pdf = path.join(dir, 'a.xlsx');
    writeFileSync(pdf, '%PDF-1.7 not a workbook');
    const wrong = await accord('import-roadmap', pdf, '--roadmap', w.roadmap.id);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/the file is a PDF/);
  });
});
