import { eq, sql } from 'drizzle-orm';
import { baselines } from '../../db/schema';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../documents/import/csv';
import { readXlsx } from '../../documents/import/xlsx';
import { setUpTestApi } from '../../test/api';
import { buildMeasure, buildRoadmap } from '../../test/factories';
import { csv1251, csvUtf8Bom, docxOf, multipart, xlsxOf, zipBomb, bigXlsx } from '../../test/import-files';

const s = setUpTestApi();
const url = (roadmapId: string, q = '') => `/api/v1/roadmaps/${roadmapId}/import${q}`;

async function upload(
  roadmapId: string,
  file: Buffer,
  fileName: string,
  o: { q?: string; cookie?: string; fields?: Record<string, string>; lang?: string } = {},
) {
  const body = multipart([
    ...Object.entries(o.fields ?? {}).map(([name, value]) => ({ name, value })),
    { name: 'file', value: file, fileName },
  ]);
  return s.api.app.inject({
    method: 'POST',
    url: url(roadmapId, o.q ?? ''),
    payload: body.payload,
    headers: {
      'content-type': body.contentType,
      ...(o.cookie === '' ? {} : { cookie: o.cookie ?? s.cookie.admin }),
      'accept-language': o.lang ?? 'ru',
    },
  });
}

const count = async (table: string, where = 'true') =>
  Number(
    (await s.api.t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`))).rows[0].n,
  );

const HEAD = [
  '№ п/п',
  'Наименование мероприятия',
  'Срок исполнения',
  'Ответственные исполнители (KZ)',
  'Ответственные исполнители (RU)',
  'Прогресс, %',
];

/** A fresh roadmap per test: imports do not see each other. */
async function roadmap() {
  const r = await s.api.call('POST', '/api/v1/roadmaps', {
    cookie: s.cookie.admin,
    body: { title: { ru: `Карта ${Math.random()}` }, agreementIds: [s.w.agreement.id] },
  });
  return r.json().id as string;
}

describe('import: 401 → 400 → 403 → success', () => {
  it('walks the refusals, then previews without writing', async () => {
    const id = await roadmap();
    const file = await xlsxOf([HEAD, ['1', 'Провести форум', '31.12.2026', 'МИД KZ', 'МИД RU', '45%']]);
    expect((await upload(id, file, 'a.xlsx', { cookie: '' })).statusCode).toBe(401);
    const notMultipart = await s.api.call('POST', url(id), { cookie: s.cookie.admin, body: {} });
    expect(notMultipart.statusCode, notMultipart.body).toBe(415);
    const coord = await upload(id, file, 'a.xlsx', { cookie: s.cookie.kzCoord });
    expect(coord.statusCode, coord.body).toBe(403);
    expect(coord.json().error.message).toMatch(/только администратор/);
    const dry = await upload(id, file, 'a.xlsx');
    expect(dry.statusCode).toBe(200);
    const r = dry.json();
    expect(r).toMatchObject({
      dryRun: true,
      create: 1,
      update: 0,
      unchanged: 0,
      errors: [],
      unmatchedOrganisations: [],
    });
    expect(r.columns.map((c: { field: string }) => c.field)).toEqual([
      'code',
      'title',
      'dueDate',
      'responsible:KZ',
      'responsible:RU',
      'progress',
    ]);
    expect(r.rows[0]).toMatchObject({ code: '1', dueDate: '2026-12-31', progress: 45, action: 'create' });
    expect(await count('measures', `roadmap_id = '${id}'`)).toBe(0);
  });
});

describe('import: XLSX saved, re-imported unchanged', () => {
  it('creates in one transaction, audits, and a second import changes nothing', async () => {
    const id = await roadmap();
    const file = await xlsxOf(
      [
        ['Дорожная карта по реализации Декларации', null, null, null, null, null],
        HEAD,
        ['1', 'Транспорт', null, null, null, null],
        [
          '1.1',
          'Открыть маршрут',
          new Date(Date.UTC(2026, 11, 31)),
          'МИД KZ; Агентство KZ',
          'МИД RU',
          { formula: '40+5', result: 45 },
        ],
        ['1.2', 'Подписать протокол', 'IV квартал 2026 года', 'Агентство KZ', 'Агентство RU', '0,5'],
        [null, 'Сверить тарифы', 46022, 'МИД KZ', null, null],
      ],
      { merges: ['B3:F3'] },
    );
    const res = await upload(id, file, 'карта.xlsx', { q: '?dryRun=false' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, create: 4, update: 0, unchanged: 0 });
    const rows = (
      await s.api.call('GET', `/api/v1/measures?roadmapId=${id}&limit=50`, { cookie: s.cookie.admin })
    ).json().data as {
      code: string;
      progress: number;
      dueDate: string;
      responsible: { role: string }[];
      childCount: number;
    }[];
    expect(rows.map((m) => m.code)).toEqual(['1', '1.1', '1.2', '1.3']);
    expect(rows[1]).toMatchObject({ progress: 45, dueDate: '2026-12-31' });
    expect(rows[1].responsible.filter((r) => r.role === 'lead')).toHaveLength(2);
    expect(rows[3].dueDate).toBe('2025-12-31');
    expect(rows[0].childCount).toBe(3);
    expect(await count('audit_events', `action = 'roadmap.import' and entity_id = '${id}'`)).toBe(1);
    expect(
      await count(
        'audit_events',
        `action = 'measure.create' and entity_id in (select id from measures where roadmap_id = '${id}')`,
      ),
    ).toBe(4);

    const again = await upload(id, file, 'карта.xlsx', { q: '?dryRun=false' });
    expect(again.json()).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect(
      await count(
        'audit_events',
        `action = 'measure.update' and entity_id in (select id from measures where roadmap_id = '${id}')`,
      ),
    ).toBe(0);
  });
});

describe('import: into an approved plan', () => {
  it('freezes a plan approved before baselines existed once, so the diff shows what the file added', async () => {
    const legacy = await buildRoadmap(s.api.t.ctx.db, { agreementIds: [s.w.agreement.id], baseline: false });
    const frozen = () => s.api.t.db.select().from(baselines).where(eq(baselines.roadmapId, legacy.id));
    const first = await xlsxOf([HEAD, ['1', 'Провести форум', '31.12.2026', 'МИД KZ', 'МИД RU', '0']]);
    const r1 = await upload(legacy.id, first, 'план.xlsx', { q: '?dryRun=false' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ create: 1 });
    const [b, ...more] = await frozen();
    expect(more).toEqual([]);
    expect(b).toMatchObject({ kind: 'approval', name: { ru: 'Утверждённый план' } });
    // the plan was frozen before the file's measure was written
    const d = await s.api.call('GET', `/api/v1/roadmaps/${legacy.id}/diff?to=now`, {
      cookie: s.cookie.viewer,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      from: { baselineId: b.id },
      counts: { added: 1, removed: 0, changed: 0 },
    });
    const second = await xlsxOf([
      HEAD,
      ['1', 'Провести форум', '31.12.2026', 'МИД KZ', 'МИД RU', '0'],
      ['2', 'Открыть маршрут', '30.06.2027', 'МИД KZ', 'МИД RU', '0'],
    ]);
    const r2 = await upload(legacy.id, second, 'план.xlsx', { q: '?dryRun=false' });
    expect(r2.json()).toMatchObject({ create: 1, unchanged: 1 });
    expect(await frozen()).toHaveLength(1);
    const d2 = await s.api.call('GET', `/api/v1/roadmaps/${legacy.id}/diff?to=now`, {
      cookie: s.cookie.viewer,
    });
    expect(d2.json().counts).toEqual({ added: 2, removed: 0, changed: 0 });
  });
});

describe('import: a Word roadmap table', () => {
  it('reads the title, the column-number row, sections and both parties’ executors', async () => {
    const id = await roadmap();
    const file = await docxOf(
      [
        [
          '№ п/п',
          'Наименование мероприятия',
          'Форма завершения',
          'Срок исполнения',
          'Ответственные исполнители (Республика Казахстан)',
          'Ответственные исполнители (Российская Федерация)',
        ],
        ['1', '2', '3', '4', '5', '6'],
        [{ text: '1. Сотрудничество в сфере транспорта', columnSpan: 6 }],
        [
          '1',
          'Провести заседание рабочей группы',
          'Протокол',
          'IV квартал 2026 года',
          { text: 'МИД KZ', rowSpan: 2 },
          'МИД RU (головной), Агентство RU',
        ],
        ['2', 'Подготовить доклад', 'Доклад', 'декабрь 2026', 'Агентство RU'],
      ],
      ['ДОРОЖНАЯ КАРТА', 'по реализации Декларации от 12 ноября 2025 года'],
      ['Примечание: сроки уточняются.'],
    );
    await s.api.t.db.execute(
      sql`update parties set name = '{"ru":"Республика Казахстан"}' where id = ${s.w.kz.party.id}`,
    );
    await s.api.t.db.execute(
      sql`update parties set name = '{"ru":"Российская Федерация"}' where id = ${s.w.ru.party.id}`,
    );
    const res = await upload(id, file, 'карта.docx', { q: '?dryRun=false' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ create: 3, errors: [] });
    expect(r.rows.map((x: { code: string; section: boolean }) => [x.code, x.section])).toEqual([
      ['1', true],
      ['1.1', false],
      ['1.2', false],
    ]);
    expect(r.rows[1]).toMatchObject({ completionForm: 'agreement_signed', dueDate: '2026-12-31' });
    expect(r.rows[2].responsible.map((b: { name: string; role: string }) => [b.name, b.role])).toEqual([
      ['МИД KZ', 'lead'],
      ['Агентство RU', 'lead'],
    ]);
    expect(r.rows[1].responsible.map((b: { name: string; role: string }) => [b.name, b.role])).toEqual([
      ['МИД KZ', 'lead'],
      ['МИД RU', 'lead'],
      ['Агентство RU', 'co_executor'],
    ]);
  });
});

describe('import: CSV in both encodings', () => {
  it.each([
    [
      'UTF-8 with BOM, commas',
      csvUtf8Bom(
        [HEAD, ['1', 'Провести форум "Евразия", этап 1', '2026-12-31', 'МИД KZ', 'МИД RU', '10']],
        ',',
      ),
    ],
    [
      'Windows-1251, semicolons',
      csv1251([HEAD, ['1', 'Провести форум "Евразия", этап 1', '2026-12-31', 'МИД KZ', 'МИД RU', '10']], ';'),
    ],
  ])('%s', async (_name, file) => {
    const id = await roadmap();
    const res = await upload(id, file, 'карта.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows[0]).toMatchObject({
      title: { ru: 'Провести форум "Евразия", этап 1' },
      progress: 10,
    });
  });
  it('keeps line breaks inside quoted fields', () => {
    expect(parseCsv('a;b\r\n"x\ny";2\r\n')).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
    ]);
  });
});

describe('import: all or nothing', () => {
  it('lists every problem with row, column and reason, and the real run writes nothing', async () => {
    const id = await roadmap();
    const file = await xlsxOf([
      HEAD,
      ['1', 'Хорошая строка', '31.12.2026', 'МИД KZ', 'МИД RU', '10'],
      ['2', 'Плохой срок', 'когда-нибудь', 'МИД KZ', null, null],
      ['3', 'Неизвестный исполнитель', '2026', 'Минтранс KZ', null, '150'],
    ]);
    const dry = (await upload(id, file, 'a.xlsx')).json();
    expect(dry.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'Срок исполнения'],
      [4, 'Прогресс, %'],
      [4, 'Ответственные исполнители (KZ)'],
    ]);
    expect(dry.errors[0].message).toMatch(/не является датой/);
    expect(dry.unmatchedOrganisations[0]).toMatchObject({ name: 'Минтранс KZ', rows: [4] });
    const real = await upload(id, file, 'a.xlsx', { q: '?dryRun=false', lang: 'en' });
    expect(real.statusCode).toBe(422);
    expect(real.json().error.details.map((d: { path: string }) => d.path)).toContain(
      'rows.3.Срок исполнения',
    );
    expect(await count('measures', `roadmap_id = '${id}'`)).toBe(0);
  });

  it('creates the unmatched organisations when asked', async () => {
    const id = await roadmap();
    const file = await xlsxOf([HEAD, ['1', 'Строка', '31.12.2026', 'Новое ведомство KZ', 'МИД RU', '0']]);
    const res = await upload(id, file, 'a.xlsx', { q: '?dryRun=false&createOrganisations=true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ create: 1, createdOrganisations: 1 });
    expect(
      await count('organisations', `name->>'ru' = 'Новое ведомство KZ' and party_id = '${s.w.kz.party.id}'`),
    ).toBe(1);
  });
});

describe('import: mapping', () => {
  it('maps an unknown header, saves the mapping (audited) and uses it next time', async () => {
    const id = await roadmap();
    const file = await xlsxOf([
      ['Что сделать', 'Когда', 'Кто (KZ)'],
      ['Провести форум', '31.12.2026', 'МИД KZ'],
    ]);
    const unmapped = await upload(id, file, 'a.xlsx');
    expect(unmapped.statusCode).toBe(200);
    expect(unmapped.json().columns).toEqual([
      { header: 'Что сделать', field: null },
      { header: 'Когда', field: null },
      { header: 'Кто (KZ)', field: null },
    ]);
    expect(unmapped.json().errors[0].message).toMatch(/строка заголовков не распознана/);
    const refused = await upload(id, file, 'a.xlsx', { q: '?dryRun=false' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].rule).toBe('import.noHeader');
    const mapping = { 'Что сделать': 'title', Когда: 'dueDate', 'Кто (KZ)': 'responsible:KZ' };
    const mapped = await upload(id, file, 'a.xlsx', { fields: { mapping: JSON.stringify(mapping) } });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json()).toMatchObject({ create: 1, errors: [] });
    const bad = await s.api.call('PUT', `/api/v1/roadmaps/${id}/import-mapping`, {
      cookie: s.cookie.admin,
      body: { mapping: { x: 'nonsense' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await s.api.call('PUT', `/api/v1/roadmaps/${id}/import-mapping`, {
          cookie: s.cookie.kzCoord,
          body: { mapping },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await s.api.call('PUT', `/api/v1/roadmaps/${id}/import-mapping`, {
      cookie: s.cookie.admin,
      body: { mapping },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, mapping });
    expect(await count('audit_events', `action = 'import_mapping.save' and entity_id = '${id}'`)).toBe(1);
    const stale = await s.api.call('PUT', `/api/v1/roadmaps/${id}/import-mapping`, {
      cookie: s.cookie.admin,
      body: { mapping },
    });
    expect(stale.statusCode).toBe(409);
    const next = await upload(id, file, 'a.xlsx', { q: '?dryRun=false' });
    expect(next.json()).toMatchObject({ create: 1 });
  });
});

describe('import: bad files', () => {
  it.each([
    ['a PDF named .xlsx', Buffer.from('%PDF-1.7 fake'), 'a.xlsx', 415, 'upload.type'],
    ['an empty file', Buffer.alloc(0), 'a.xlsx', 400, 'upload.empty'],
    [
      'a protected workbook',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      'a.xlsx',
      415,
      'upload.encrypted',
    ],
    [
      'a damaged workbook',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml garbage')]),
      'a.xlsx',
      400,
      'import.corrupt',
    ],
    ['a zip bomb', zipBomb(400), 'a.xlsx', 413, 'import.zipBomb'],
  ])('%s', async (_n, file, name, status, rule) => {
    const id = await roadmap();
    const t0 = Date.now();
    const res = await upload(id, file, name);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.details[0].rule).toBe(rule);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a file with only headers', async () => {
    const id = await roadmap();
    const res = await upload(id, await xlsxOf([HEAD]), 'a.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].rule).toBe('import.noRows');
  });

  it('a missing sheet names the sheets there are; a chosen sheet is read', async () => {
    const id = await roadmap();
    const file = await xlsxOf([HEAD, ['1', 'Строка', '2026', 'МИД KZ', null, null]], {
      sheet: 'План',
      extraSheets: { Титул: [['Титульный лист']] },
    });
    const missing = await upload(id, file, 'a.xlsx', { fields: { sheet: 'Нет такого' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].message).toMatch(/Титул, План/);
    const chosen = await upload(id, file, 'a.xlsx', { fields: { sheet: 'План' } });
    expect(chosen.json()).toMatchObject({ create: 1 });
  });

  it('keeps Cyrillic whole across the inflated chunks of large sheets and shared strings', async () => {
    const title = (i: number) => `Мероприятие №${i}: обеспечить взаимодействие ведомств Қазақстан`;
    const inline = await readXlsx(
      await bigXlsx(['Код', 'Наименование'], 3000, (i) => [String(i + 1), title(i)]),
    );
    const shared = await readXlsx(
      await xlsxOf([
        ['Код', 'Наименование'],
        ...Array.from({ length: 3000 }, (_, i) => [String(i + 1), title(i)]),
      ]),
    );
    for (const g of [inline, shared]) {
      expect(g.rows).toHaveLength(3001);
      expect(g.rows.slice(1).every((r, i) => r[1] === title(i))).toBe(true);
    }
  });

  it('refuses more than 50,000 rows', async () => {
    const file = await bigXlsx(HEAD, 50_001, (i) => [String(i + 1), `Строка ${i}`, '2026', 'МИД KZ', '', '']);
    await expect(readXlsx(file)).rejects.toMatchObject({ code: 'payload_too_large' });
  }, 60_000);
});

describe('exports', () => {
  it('round-trips XLSX and CSV: export → import changes nothing, formulas neutralised', async () => {
    const id = await roadmap();
    const file = await xlsxOf([
      HEAD,
      ['1', 'Транспорт', null, null, null, null],
      ['1.1', '=HYPERLINK("http://x")', '31.12.2026', 'МИД KZ; Агентство KZ', 'МИД RU', '45'],
      ['1.2', '-минус в начале', '2025-06-30', 'Агентство KZ', null, '0'],
    ]);
    expect((await upload(id, file, 'a.xlsx', { q: '?dryRun=false' })).statusCode).toBe(200);
    const m = await buildMeasure(s.api.t.ctx, {
      roadmapId: id,
      tier: 'internal',
      ownerPartyId: s.w.ru.party.id,
      title: { ru: 'Секрет RU' },
      responsible: [{ organisationId: s.w.ru.ministry.id, role: 'lead' }],
    });
    expect(m.code).toBe('RU1');
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await s.api.call('GET', `/api/v1/roadmaps/${id}/measures.${format}`, {
        cookie: s.cookie.admin,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      const bytes = res.rawPayload;
      if (format === 'csv') {
        const text = bytes.toString('utf8');
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text).toContain(`'=HYPERLINK(""http://x"")`);
      } else {
        const grid = await readXlsx(bytes);
        expect(grid.rows[2][1]).toBe(`'=HYPERLINK("http://x")`);
      }
      const back = await upload(id, bytes, `export.${format}`, { q: '?dryRun=false' });
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json(), format).toMatchObject({ create: 0, update: 0, unchanged: 4, errors: [] });
    }
    const stored = await s.api.t.db.execute(
      sql`select title->>'ru' as t from measures where roadmap_id = ${id} and code in ('1.1', '1.2') order by code`,
    );
    expect(stored.rows.map((r) => r.t)).toEqual(['=HYPERLINK("http://x")', '-минус в начале']);
  });

  it('honours the filters and never shows the other party’s internal measures', async () => {
    const id = await roadmap();
    const file = await xlsxOf([
      [...HEAD, 'Статус'],
      ['1', 'Открытая', '31.12.2026', 'МИД KZ', 'МИД RU', '0', 'Не начато'],
      ['2', 'Выполненная', '31.12.2026', 'МИД KZ', null, '100', 'Выполнено'],
    ]);
    expect((await upload(id, file, 'a.xlsx', { q: '?dryRun=false' })).statusCode).toBe(200);
    await buildMeasure(s.api.t.ctx, {
      roadmapId: id,
      tier: 'internal',
      ownerPartyId: s.w.ru.party.id,
      title: { ru: 'Секрет RU' },
      responsible: [{ organisationId: s.w.ru.ministry.id, role: 'lead' }],
    });
    const csv = async (cookie: string, q = '') =>
      parseCsv(
        (await s.api.call('GET', `/api/v1/roadmaps/${id}/measures.csv${q}`, { cookie })).body.replace(
          /^\uFEFF/,
          '',
        ),
      ).slice(1);
    expect((await csv(s.cookie.admin)).length).toBe(3);
    const kz = await csv(s.cookie.kzCoord);
    expect(kz.map((r) => r[0])).toEqual(['1', '2']);
    expect(JSON.stringify(kz)).not.toContain('Секрет');
    expect((await csv(s.cookie.ruCoord)).length).toBe(3);
    expect((await csv(s.cookie.admin, '?status=not_started')).map((r) => r[0])).toEqual(['1', 'RU1']);
    const kzXlsx = await readXlsx(
      (await s.api.call('GET', `/api/v1/roadmaps/${id}/measures.xlsx`, { cookie: s.cookie.viewer }))
        .rawPayload,
    );
    expect(kzXlsx.rows.length).toBe(3);
    const json = await s.api.call('GET', `/api/v1/roadmaps/${id}/export.json`, { cookie: s.cookie.kzRep });
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.roadmap.id).toBe(id);
    expect(doc.measures.map((m: { code: string }) => m.code)).toEqual(['1', '2']);
    expect(json.body).not.toContain('Секрет');
    expect(doc).toMatchObject({ reports: [], jointStatuses: [] });
    const bad = await s.api.call('GET', `/api/v1/roadmaps/${id}/measures.csv?status=nope`, {
      cookie: s.cookie.admin,
    });
    expect(bad.statusCode).toBe(400);
    expect((await s.api.call('GET', `/api/v1/roadmaps/${id}/measures.csv`)).statusCode).toBe(401);
  });
});
