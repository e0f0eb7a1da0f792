import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { AppError } from '../../domain/errors';
import { SYSTEM_ACTOR } from '../../domain/policies';
import {
  buildMeasure,
  buildProvision,
  buildUser,
  buildWorld,
  TEST_PASSWORD,
  type World,
} from '../../test/factories';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { verifyAuditChain } from '../audit';
import { sealAudit } from '../audit-seal';
import { signIn } from '../auth';
import { EXCLUDED_TABLES, exportDatabase, importDatabase } from '.';
import { createToken } from '../tokens';
import { createUser } from '../users';

const KAZAKH = 'әғқңөұүһі ӘҒҚҢӨҰҮҺІ';

/** Every row of every table of the database, as canonical JSON text, sorted: equal databases give equal dumps. */
async function dump(
  pool: pg.Pool,
  skip: readonly string[] = EXCLUDED_TABLES,
): Promise<Record<string, string[]>> {
  const tables = await pool.query(
    `select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, string[]> = {};
  for (const { table_name: name } of tables.rows) {
    if (skip.includes(name)) continue;
    const r = await pool.query(`select row_to_json(t)::text as r from "${name}" t order by 1`);
    out[name] = r.rows.map((x) => x.r);
  }
  return out;
}

const rowCount = (d: Record<string, string[]>) => Object.values(d).reduce((a, rows) => a + rows.length, 0);

async function importError(db: TestDatabase, file: string): Promise<AppError> {
  const e = await importDatabase(db.ctx, SYSTEM_ACTOR, file).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** Rewrites an export's lines and fixes its end record, as a careful forger (or another version) would. */
function rewrite(source: string, target: string, edit: (lines: string[]) => string[]) {
  const lines = readFileSync(source, 'utf8').trimEnd().split('\n');
  const body = edit(lines.slice(0, -1));
  const end = JSON.parse(lines.at(-1)!);
  end.end.rows = {};
  for (const l of body.slice(1)) {
    const t = JSON.parse(l).t;
    end.end.rows[t] = (end.end.rows[t] ?? 0) + 1;
  }
  end.end.sha256 = createHash('sha256')
    .update(body.map((l) => `${l}\n`).join(''))
    .digest('hex');
  writeFileSync(target, `${[...body, JSON.stringify(end)].join('\n')}\n`);
}

describe('export and import', () => {
  let source: TestDatabase;
  let world: World;
  let dir: string;
  let file: string;
  const fresh: TestDatabase[] = [];
  const freshDb = async () => {
    const db = await createTestDatabase();
    fresh.push(db);
    return db;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'));
    file = path.join(dir, 'backup.ndjson');
    source = await createTestDatabase();
    const ctx = source.ctx;
    world = await buildWorld(ctx);
    const responsible = [
      { organisationId: world.kz.ministry.id, role: 'lead' as const },
      { organisationId: world.ru.agency.id, role: 'co_executor' as const },
    ];
    const provision = await buildProvision(source.db, {
      agreementId: world.agreement.id,
      number: '7',
      text: { ru: 'Стороны развивают торговлю', kk: 'Тараптар сауданы дамытады' },
    });
    await source.pool.query('insert into provision_spheres values ($1, $2)', [provision.id, world.sphere.id]);
    const parent = await buildMeasure(ctx, {
      provisionIds: [provision.id],
      roadmapId: world.roadmap.id,
      title: { ru: `Сотрудничество: ${KAZAKH}`, kk: `Ынтымақтастық ${KAZAKH}`, en: 'Co-operation' },
      description: { ru: 'Қазақстан және Ресей — декларация' },
      sphereIds: [world.sphere.id],
      responsible,
    });
    const child = await buildMeasure(ctx, {
      roadmapId: world.roadmap.id,
      parentId: parent.id,
      title: { ru: 'Өңірлік ынтымақтастық форумы', kk: 'Өңірлік форум' },
      responsible,
    });
    await buildMeasure(ctx, {
      roadmapId: world.roadmap.id,
      parentId: child.id,
      title: { ru: 'Внутреннее мероприятие', kk: 'Ішкі іс-шара' },
      tier: 'internal',
      ownerPartyId: world.kz.party.id,
      responsible: [{ organisationId: world.kz.agency.id, role: 'lead' }],
      dependsOn: [parent.id],
    });
    // A weight whose shortest decimal form has 17 digits: floats must come back bit for bit.
    await source.pool.query('update measures set weight = 1.0 / 3 where id = $1', [parent.id]);
    const u = await createUser(ctx, SYSTEM_ACTOR, {
      email: 'әлия@example.kz',
      name: 'Әлия Қасымқызы',
      role: 'reporter',
      organisationId: world.kz.agency.id,
      locale: 'kk',
      password: TEST_PASSWORD,
    });
    await createToken(ctx, SYSTEM_ACTOR, u.id, { name: 'статистика', expiresInDays: 30 });
    await signIn(ctx, { email: world.admin.email, password: TEST_PASSWORD, ip: '127.0.0.1' }, 12);
    await buildUser(source.db, { role: 'viewer', disabled: true });
    await source.pool.query(
      `insert into settings (key, value) values ('demo', '{"loaded": true, "note": "ұ"}')`,
    );
    // the chain is sealed in the background after each write: settle it before comparing dumps
    await sealAudit(source.db, { wait: true });
  });

  afterAll(async () => {
    for (const db of [source, ...fresh]) await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips every row exactly, the audit chain included', async () => {
    const before = await dump(source.pool);
    const exported = await exportDatabase(source.ctx, SYSTEM_ACTOR, file);
    expect(exported.rows.measures).toBe(3);
    expect(Object.values(exported.rows).reduce((a, b) => a + b, 0)).toBe(rowCount(before));
    // The export is a read: it leaves the source as it was.
    expect(await dump(source.pool)).toEqual(before);

    const target = await freshDb();
    const restored = await importDatabase(target.ctx, SYSTEM_ACTOR, file);
    expect(restored.rows).toEqual(exported.rows);
    expect(await dump(target.pool)).toEqual(before);

    const chain = await verifyAuditChain({ db: target.db, now: () => new Date() }, SYSTEM_ACTOR);
    expect(chain).toMatchObject({ ok: true, firstBadSeq: null });
    expect(chain.checked).toBe(
      (await verifyAuditChain({ db: source.db, now: () => new Date() }, SYSTEM_ACTOR)).checked,
    );
    expect(chain.checked).toBeGreaterThan(5);

    // Kazakh letters, jsonb, tsvector, floats and timestamps as PostgreSQL itself sees them.
    const q = `select title, search_vector::text as sv, weight, created_at, updated_at from measures order by sort_key`;
    expect((await target.pool.query(q)).rows).toEqual((await source.pool.query(q)).rows);
    const titles = await target.pool.query(
      `select title->>'kk' as kk from measures where title->>'ru' like $1`,
      [`%${KAZAKH}%`],
    );
    expect(titles.rows).toEqual([{ kk: `Ынтымақтастық ${KAZAKH}` }]);
    const weight = await target.pool.query(`select weight from measures where weight < 1`);
    expect(weight.rows[0].weight).toBe(1 / 3);
    // Sessions stay behind: people sign in again on a restored copy.
    expect((await source.pool.query('select count(*)::int as n from sessions')).rows[0].n).toBe(1);
    expect((await target.pool.query('select count(*)::int as n from sessions')).rows[0].n).toBe(0);
    // Password hashes come along: the restored users sign in with their passwords.
    await expect(
      signIn(target.ctx, { email: 'әлия@example.kz', password: TEST_PASSWORD, ip: '127.0.0.1' }, 12),
    ).resolves.toMatchObject({ info: { user: { email: 'әлия@example.kz' } } });
  });

  it('writes the same rows as a gzip file when the name ends in .gz', async () => {
    const gz = path.join(dir, 'backup.ndjson.gz');
    await exportDatabase(source.ctx, SYSTEM_ACTOR, gz);
    const lines = gunzipSync(readFileSync(gz)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'accord-export', version: 1 });
    const target = await freshDb();
    await importDatabase(target.ctx, SYSTEM_ACTOR, gz);
    expect(await dump(target.pool)).toEqual(await dump(source.pool));
  });

  it('refuses a database that is not empty and changes nothing in it', async () => {
    await exportDatabase(source.ctx, SYSTEM_ACTOR, file);
    const target = await freshDb();
    await buildUser(target.db, { role: 'admin', email: 'first-admin@example.org' });
    const before = await dump(target.pool, []);
    const e = await importError(target, file);
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/not empty/);
    expect(e.message).toMatch(/users/);
    expect(await dump(target.pool, [])).toEqual(before);
  });

  describe('a damaged file is refused before anything is written', () => {
    let target: TestDatabase;
    beforeAll(async () => {
      await exportDatabase(source.ctx, SYSTEM_ACTOR, file);
      target = await freshDb();
    });
    const expectEmpty = async () => expect(rowCount(await dump(target.pool, []))).toBe(0);

    it('truncated at a line boundary', async () => {
      const lines = readFileSync(file, 'utf8').split('\n');
      const cut = path.join(dir, 'cut-lines.ndjson');
      writeFileSync(cut, `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
      const e = await importError(target, cut);
      expect(e.message).toMatch(/truncated \(the end record is missing\)/);
      await expectEmpty();
    });

    it('truncated in the middle of a line', async () => {
      const text = readFileSync(file);
      const cut = path.join(dir, 'cut-bytes.ndjson');
      writeFileSync(cut, text.subarray(0, Math.floor(text.length * 0.7)));
      const e = await importError(target, cut);
      expect(e.message).toMatch(/truncated \(line \d+, the last, is incomplete\)/);
      await expectEmpty();
    });

    it('altered after export (the checksum does not match)', async () => {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(KAZAKH);
      const altered = path.join(dir, 'altered.ndjson');
      writeFileSync(altered, text.replace(KAZAKH, KAZAKH.replace('ә', 'а')));
      const e = await importError(target, altered);
      expect(e.message).toMatch(/checksum does not match/);
      await expectEmpty();
    });

    it('a garbled row in the middle', async () => {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines[3] = lines[3].slice(0, 20);
      const garbled = path.join(dir, 'garbled.ndjson');
      writeFileSync(garbled, lines.join('\n'));
      const e = await importError(target, garbled);
      expect(e.message).toMatch(/line 4: not a row record/);
      await expectEmpty();
    });

    it('not an export at all, or an empty file', async () => {
      const other = path.join(dir, 'other.json');
      writeFileSync(other, '{"hello":"world"}\n');
      expect((await importError(target, other)).message).toMatch(/not an Accord export/);
      writeFileSync(other, '');
      expect((await importError(target, other)).message).toMatch(/empty/);
      expect((await importError(target, path.join(dir, 'absent.ndjson'))).code).toBe('not_found');
      await expectEmpty();
    });

    it('made at another schema migration', async () => {
      const older = path.join(dir, 'older.ndjson');
      rewrite(file, older, (lines) => {
        const header = JSON.parse(lines[0]);
        header.schemaMigration = { count: header.schemaMigration.count + 1, latest: 'f'.repeat(64) };
        return [JSON.stringify(header), ...lines.slice(1)];
      });
      const e = await importError(target, older);
      expect(e.details).toEqual([{ path: 'schemaMigration', message: 'does not match the database' }]);
      await expectEmpty();
    });

    it('whose rows break a constraint: the whole import rolls back', async () => {
      // Valid lines and checksum, but a measure pointing at a roadmap that is not in the file.
      const orphan = path.join(dir, 'orphan.ndjson');
      rewrite(file, orphan, (lines) =>
        lines.filter((l) => !l.startsWith('{"t":"roadmap_agreements"') && !l.startsWith('{"t":"roadmaps"')),
      );
      const e = await importError(target, orphan);
      expect(e.message).toMatch(/measures/);
      expect(e.message).toMatch(/foreign key/);
      await expectEmpty();
    });
  });

  it('is for administrators only', async () => {
    const e = await exportDatabase(source.ctx, world.viewer.actor, file).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'forbidden' });
    const f = await importDatabase(source.ctx, world.kz.coordinator.actor, file).catch((x: unknown) => x);
    expect(f).toMatchObject({ code: 'forbidden' });
  });
});
