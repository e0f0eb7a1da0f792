/**
 * The commission report over HTTP: 401 → 400 → 404 → the PDF and DOCX, their text checked
 * against the summary API (pdftotext, mammoth), Kazakh letters, changes since a day, and
 * another party's internal measures never printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { jointStatuses, periods, reports } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { deleteMeasure, updateMeasure } from '../../services/measures';
import { setUpTestApi } from '../../test/api';
import { buildMeasure } from '../../test/factories';

const SECRET = 'Секретная позиция Казахстана по тарифам';
const OLD = new Date('2026-04-01T08:00:00Z');
const R = (id: string, ext: string, q = '') => `/api/v1/roadmaps/${id}/report.${ext}${q}`;
const dir = mkdtempSync(path.join(tmpdir(), 'accord-report-'));
let n = 0;

/** The text of a PDF, as pdftotext reads it (the layout kept, so table rows stay on one line). */
function pdfText(body: Buffer, mode: 'layout' | 'raw' = 'layout'): string {
  const file = path.join(dir, `r${n++}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', [...(mode === 'layout' ? ['-layout'] : []), file, '-'], {
    encoding: 'utf8',
  });
}
/** A figure card's value: the word printed above its label, in the same column of the layout. */
function figureAbove(text: string, label: string): string | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  const col = lines[i]?.indexOf(label) ?? -1;
  for (let j = i - 1; j >= 0 && col >= 0; j--)
    if (lines[j].trim()) return /^\S+/.exec(lines[j].slice(col))?.[0];
  return undefined;
}
const pdfPages = (body: Buffer) => {
  const file = path.join(dir, `p${n++}.pdf`);
  writeFileSync(file, body);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
};

const s = setUpTestApi(async ({ api, w }) => {
  const ctx = api.t.ctx;
  const old = { db: ctx.db, now: () => OLD };
  const both = [
    { organisationId: w.kz.ministry.id, role: 'lead' as const },
    { organisationId: w.ru.ministry.id, role: 'co_executor' as const },
  ];
  const base = { roadmapId: w.roadmap.id, responsible: both, sphereIds: [w.sphere.id] };
  const overdue = await buildMeasure(old, {
    ...base,
    title: { ru: 'Просроченное совещание', kk: 'Мерзімі өткен кеңес', en: 'Overdue meeting' },
    dueDate: '2026-03-31',
    status: 'in_progress',
    progress: 40,
  });
  const risky = await buildMeasure(old, {
    ...base,
    title: { ru: 'Рискованный проект', kk: 'Қаупі бар жоба', en: 'Risky project' },
    status: 'not_started',
  });
  const finishing = await buildMeasure(old, {
    ...base,
    title: { ru: 'Завершаемое соглашение', kk: 'Аяқталатын келісім', en: 'Agreement being finished' },
    status: 'in_progress',
    progress: 80,
  });
  const doomed = await buildMeasure(old, { ...base, title: { ru: 'Исключаемое мероприятие' } });
  await updateMeasure(ctx, SYSTEM_ACTOR, finishing.id, {
    version: finishing.version,
    status: 'completed',
    progress: 100,
    reason: 'акт приёмки подписан',
  });
  await deleteMeasure(ctx, SYSTEM_ACTOR, doomed.id, doomed.version, 'снято решением сторон');
  await buildMeasure(ctx, { ...base, title: { ru: 'Новый форум', kk: 'Жаңа форум', en: 'New forum' } });
  await buildMeasure(ctx, {
    roadmapId: w.roadmap.id,
    title: { ru: SECRET },
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
  const [period] = await ctx.db
    .insert(periods)
    .values({
      roadmapId: w.roadmap.id,
      code: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      reportDueDate: '2026-04-10',
    })
    .returning();
  await ctx.db.insert(reports).values([
    {
      measureId: overdue.id,
      periodId: period.id,
      partyId: w.kz.party.id,
      state: 'approved',
      status: 'in_progress',
      progress: 35,
      reviewedAt: OLD,
    },
    {
      measureId: overdue.id,
      periodId: period.id,
      partyId: w.ru.party.id,
      state: 'submitted',
      status: 'in_progress',
      progress: 93,
    },
  ]);
  await ctx.db.insert(jointStatuses).values({
    measureId: risky.id,
    periodId: period.id,
    state: 'disputed',
    status: 'not_started',
    progress: 0,
  });
});

describe('report.pdf / report.docx: 401 → 400 → 404 → success', () => {
  it('refuses the anonymous, bad parameters naming the field, and an unknown roadmap', async () => {
    const { api, w, cookie } = s;
    expect((await api.call('GET', R(w.roadmap.id, 'pdf'))).statusCode).toBe(401);
    for (const [q, field] of [
      ['?asOf=yesterday', 'asOf'],
      ['?asOf=2026-02-30', 'asOf'],
      ['?locale=de', 'locale'],
      ['?since=2026-07-01&asOf=2026-06-15', 'since'],
      ['?since=2026-07-01', 'since'],
    ] as const) {
      for (const ext of ['pdf', 'docx']) {
        const r = await api.call('GET', R(w.roadmap.id, ext, q), { cookie: cookie.viewer });
        expect(r.statusCode, q).toBe(400);
        expect(r.json().error.details[0].path, q).toBe(field);
      }
    }
    const missing = await api.call('GET', R('00000000-0000-4000-8000-000000000000', 'pdf'), {
      cookie: cookie.viewer,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('the PDF', () => {
  it('prints the figures the summary API gives the same caller, with page numbers', async () => {
    const { api, w, cookie } = s;
    for (const who of ['admin', 'ruCoord', 'kzCoord', 'viewer'] as const) {
      const summary = (
        await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`, { cookie: cookie[who] })
      ).json();
      const r = await api.call('GET', R(w.roadmap.id, 'pdf', '?locale=ru'), { cookie: cookie[who] });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename=.*\.pdf/);
      const text = pdfText(r.rawPayload);
      const figure = (label: string) => figureAbove(text, label);
      expect(Number(figure('Мероприятий на всех уровнях')), who).toBe(summary.measureCount);
      expect(Number(figure('Единиц работы')), who).toBe(summary.leaves.total);
      expect(Number(figure('Выполнено')), who).toBe(summary.leaves.byStatus.completed);
      expect(Number(figure('Просрочено')), who).toBe(summary.leaves.overdue);
      expect(Number(figure('Под угрозой срыва')), who).toBe(summary.leaves.atRisk);
      const pages = pdfPages(r.rawPayload);
      expect(text).toContain(`Стр. 2 из ${pages}`);
      expect(text).toContain(`Стр. ${pages} из ${pages}`);
      expect(text).toContain('Содержание');
      expect(text).toContain('По состоянию на 15 июня 2026 г.');
    }
  });

  it('lists overdue, at-risk and disputed measures and the latest approved report only', async () => {
    const { api, w, cookie } = s;
    const text = pdfText(
      (await api.call('GET', R(w.roadmap.id, 'pdf', '?locale=en'), { cookie: cookie.ruCoord })).rawPayload,
    );
    const section = (title: string, next: string) =>
      text.slice(text.lastIndexOf(title), text.indexOf(next, text.lastIndexOf(title)));
    expect(section('Overdue measures', 'Measures at risk')).toContain('Overdue meeting');
    expect(section('Measures at risk', 'Disputed measures')).toContain('Risky project');
    expect(section('Disputed measures', 'Measures by sphere')).toContain('Risky project');
    expect(text).toMatch(/KZ: 35 % \(2026-Q1\)/);
    // RU's own report is only submitted: not an approved figure
    expect(text).not.toContain('93 %');
  });

  it('writes Kazakh letters when locale=kk', async () => {
    const { api, w, cookie } = s;
    const text = pdfText(
      (await api.call('GET', R(w.roadmap.id, 'pdf', '?locale=kk'), { cookie: cookie.admin })).rawPayload,
    );
    expect(text).toContain('Жиынтық көрсеткіштер');
    expect(text).toContain('Мерзімі өткен кеңес');
    expect(text).toContain('Қаупі бар жоба');
    for (const letter of 'әғқңөұүі') expect(text, letter).toContain(letter);
  });

  it('lists what changed since a day: new, removed, status changes', async () => {
    const { api, w, cookie } = s;
    const text = pdfText(
      (
        await api.call('GET', R(w.roadmap.id, 'pdf', '?locale=ru&since=2026-06-01'), {
          cookie: cookie.kzCoord,
        })
      ).rawPayload,
    );
    const changes = text.slice(
      text.lastIndexOf('Изменения с 01.06.2026 по 15.06.2026'),
      text.lastIndexOf('Мероприятия по сферам'),
    );
    const part = (a: string, b: string) => changes.slice(changes.indexOf(a), changes.indexOf(b));
    expect(part('Новые мероприятия', 'Исключённые')).toContain('Новый форум');
    expect(part('Новые мероприятия', 'Исключённые')).toContain(SECRET);
    expect(part('Исключённые мероприятия', 'Изменения статуса')).toContain('Исключаемое мероприятие');
    expect(part('Изменения статуса', 'Изменённые')).toMatch(/Завершаемое соглашение\s+в работе\s+выполнено/);
    expect(part('Новые мероприятия', 'Исключённые')).not.toContain('Просроченное совещание');
  });
});

describe("another party's internal measures", () => {
  it('never appear in the PDF or DOCX of the other party or a viewer, changes included', async () => {
    const { api, w, cookie } = s;
    for (const who of ['ruCoord', 'ruRep', 'viewer'] as const) {
      const pdf = await api.call('GET', R(w.roadmap.id, 'pdf', '?since=2026-01-01'), { cookie: cookie[who] });
      expect(pdfText(pdf.rawPayload)).not.toContain('Секретная');
      const docx = await api.call('GET', R(w.roadmap.id, 'docx', '?since=2026-01-01'), {
        cookie: cookie[who],
      });
      expect((await mammoth.extractRawText({ buffer: docx.rawPayload })).value).not.toContain('Секретная');
    }
    const own = await api.call('GET', R(w.roadmap.id, 'pdf'), { cookie: cookie.kzCoord });
    expect(pdfText(own.rawPayload)).toContain(SECRET);
  });
});

describe('the DOCX', () => {
  it('holds the same figures, real headings, a contents field and page numbers', async () => {
    const { api, w, cookie } = s;
    const summary = (
      await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`, { cookie: cookie.admin })
    ).json();
    const r = await api.call('GET', R(w.roadmap.id, 'docx', '?locale=ru'), { cookie: cookie.admin });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = (await mammoth.extractRawText({ buffer: r.rawPayload })).value;
    const figure = (label: string) => new RegExp(`${label}[^\\n]*\\n+(\\d+)`).exec(text)?.[1];
    expect(Number(figure('Мероприятий на всех уровнях'))).toBe(summary.measureCount);
    expect(Number(figure('Единиц работы'))).toBe(summary.leaves.total);
    expect(Number(figure('Просрочено'))).toBe(summary.leaves.overdue);
    const html = (await mammoth.convertToHtml({ buffer: r.rawPayload })).value;
    expect(html).toMatch(/<h1>(<a id="[^"]+"><\/a>)?Сводные показатели<\/h1>/);
    expect(html).toMatch(/<h2>(<a id="[^"]+"><\/a>)?Торговля<\/h2>/);
    const dir2 = mkdtempSync(path.join(tmpdir(), 'accord-docx-'));
    writeFileSync(path.join(dir2, 'r.docx'), r.rawPayload);
    const xml = (name: string) =>
      execFileSync('unzip', ['-p', path.join(dir2, 'r.docx'), name], { encoding: 'utf8' });
    expect(xml('word/document.xml')).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;/);
    const footers = execFileSync('unzip', ['-l', path.join(dir2, 'r.docx')], { encoding: 'utf8' }).match(
      /word\/footer\d+\.xml/g,
    )!;
    expect(footers.map(xml).join('')).toMatch(/NUMPAGES/);
  });
});
