/**
 * The report as neutral blocks (headings, paragraphs, figures, bar charts, tables), built
 * once from the gathered facts and rendered by pdf.ts and docx.ts: both formats print the
 * same sections, figures and rows.
 */
import type { Locale } from '../../contracts/enums';
import { type ReportData, type ReportMeasure, tr } from './model';
import { fieldLabel, longDate, percent, type ReportTextKey, rt, shortDate } from './text';

/** A table cell: text, optionally bold, coloured or indented (tree depth). */
export type Cell = string | { text: string; bold?: boolean; color?: string; indent?: number };

/** One block of the report's body. */
export type Block =
  | { kind: 'h1'; text: string; landscape?: boolean; newPage?: boolean }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string; muted?: boolean }
  | { kind: 'figures'; items: { label: string; value: string; tone?: 'danger' | 'warning' | 'ok' }[] }
  | { kind: 'bars'; note: string; rows: { label: string; value: number; caption: string }[] }
  | {
      kind: 'table';
      /** Relative widths; a secretariat's table keeps titles wide. */
      columns: { header: string; width: number; align?: 'left' | 'right' | 'center' }[];
      rows: Cell[][];
    };

/** A sphere's or party's figures, as the summary gives them. */
type GroupFigures = ReportData['summary']['bySphere'][number] | ReportData['summary']['byParty'][number];

/** What the title page says. */
export interface TitlePage {
  kicker: string;
  title: string;
  roadmap: string;
  agreements: string[];
  parties: string;
  asOf: string;
  note: string | null;
  produced: string;
}

/** The whole report in neutral form. */
export interface ReportContent {
  locale: Locale;
  /** When it was produced (the service's clock): the files' own dates, so one request's bytes repeat. */
  generatedAt: string;
  /** Running header text: the roadmap, and the as-of date. */
  running: { left: string; right: string };
  titlePage: TitlePage;
  blocks: Block[];
}

/** Colours shared by both renderers (hex without #). */
export const COLOURS = {
  danger: 'C92A2A',
  warning: 'B35C00',
  ok: '2B8A3E',
  accent: '1D3557',
  muted: '5C677D',
};

/** Builds the report's content in its locale; `who` names the person it was produced for. */
export function buildContent(d: ReportData, who: string): ReportContent {
  const L = d.locale;
  const t = (key: ReportTextKey, p?: Record<string, string | number>) => rt(L, key, p);
  const s = d.summary;
  const party = new Map(d.parties.map((p) => [p.id, p]));
  const sphere = new Map(d.spheres.map((x) => [x.id, x]));
  const org = (id: string) => {
    const o = d.organisations.get(id);
    return o ? tr(o.shortName, L) || tr(o.name, L) : '';
  };
  const code = (m: ReportMeasure, bold: boolean): Cell => ({
    text:
      m.tier === 'internal'
        ? `${m.code}\n${t('internalMark', { party: party.get(m.ownerPartyId ?? '')?.code ?? '' })}`
        : m.code,
    bold,
  });
  const status = (m: Pick<ReportMeasure, 'status'>) => t(`status_${m.status}` as ReportTextKey);
  const leaves = d.measures.filter((m) => m.leaf);
  const disputed = d.measures.filter((m) => m.disputed);

  const blocks: Block[] = [];
  blocks.push({ kind: 'h1', text: t('summary'), newPage: true });
  blocks.push({
    kind: 'figures',
    items: [
      { label: t('figMeasures'), value: String(s.measureCount) },
      { label: t('figLeaves'), value: String(s.leaves.total) },
      { label: t('figCompleted'), value: String(s.leaves.byStatus.completed), tone: 'ok' },
      { label: t('figInProgress'), value: String(s.leaves.byStatus.in_progress) },
      { label: t('figNotStarted'), value: String(s.leaves.byStatus.not_started) },
      { label: t('figCancelled'), value: String(s.leaves.byStatus.cancelled) },
      {
        label: t('figOverdue'),
        value: String(s.leaves.overdue),
        tone: s.leaves.overdue ? 'danger' : undefined,
      },
      {
        label: t('figAtRisk'),
        value: String(s.leaves.atRisk),
        tone: s.leaves.atRisk ? 'warning' : undefined,
      },
      {
        label: t('figDisputed'),
        value: String(disputed.length),
        tone: disputed.length ? 'danger' : undefined,
      },
      { label: t('figRollUp'), value: percent(L, s.rollUp) },
      { label: t('figLevel'), value: t(`level_${s.completionLevel}` as ReportTextKey) },
    ],
  });
  const bar = (label: string, g: GroupFigures) => ({
    label,
    value: g.progress,
    caption: `${percent(L, g.progress)} (${g.leaves.byStatus.completed}/${g.leaves.total})`,
  });
  blocks.push({ kind: 'h1', text: t('bySphere') });
  blocks.push({
    kind: 'bars',
    note: t('chartNote'),
    rows: s.bySphere.map((g) => bar(tr(sphere.get(g.sphereId)?.name, L), g)),
  });
  blocks.push(
    groupTable(
      L,
      s.bySphere.map((g) => [tr(sphere.get(g.sphereId)?.name, L), g]),
    ),
  );
  blocks.push({ kind: 'h1', text: t('byParty') });
  blocks.push({
    kind: 'bars',
    note: t('chartNote'),
    rows: s.byParty.map((g) => bar(tr(party.get(g.partyId)?.name, L), g)),
  });
  blocks.push(
    groupTable(
      L,
      s.byParty.map((g) => [tr(party.get(g.partyId)?.name, L), g]),
    ),
  );

  const listTable = (list: ReportMeasure[]): Block => ({
    kind: 'table',
    columns: [
      { header: t('colCode'), width: 11 },
      { header: t('colTitle'), width: 46 },
      { header: t('colResponsible', { party: '' }).replace(/\s*\(\)/, ''), width: 25 },
      { header: t('colDue'), width: 12, align: 'center' },
      { header: t('colStatus'), width: 13 },
      { header: t('colProgress'), width: 13, align: 'right' },
    ],
    rows: list.map((m) => [
      code(m, true),
      tr(m.title, L),
      m.responsible.map((r) => org(r.organisationId)).join(', '),
      { text: shortDate(L, m.dueDate), color: m.overdue ? COLOURS.danger : undefined },
      status(m),
      `${m.progress} %`,
    ]),
  });
  for (const [key, list] of [
    ['overdue', leaves.filter((m) => m.overdue)],
    ['atRisk', leaves.filter((m) => m.atRisk)],
    ['disputed', disputed],
  ] as const) {
    blocks.push({ kind: 'h1', text: t(key), newPage: key === 'overdue' });
    blocks.push(list.length ? listTable(list) : { kind: 'p', text: t('none'), muted: true });
  }

  if (d.changes) blocks.push(...changeBlocks(L, d.changes));

  blocks.push({ kind: 'h1', text: t('measuresBySphere'), landscape: true, newPage: true });
  blocks.push({ kind: 'p', text: t('leadFirst'), muted: true });
  const groups = new Map<string, ReportMeasure[]>();
  for (const m of d.measures)
    for (const id of m.sphereIds.length ? m.sphereIds : ['']) {
      const g = groups.get(id) ?? [];
      g.push(m);
      groups.set(id, g);
    }
  const order = [
    ...d.spheres.map((x) => x.id).filter((id) => groups.has(id)),
    ...(groups.has('') ? [''] : []),
  ];
  for (const id of order) {
    blocks.push({ kind: 'h2', text: id ? tr(sphere.get(id)?.name, L) : t('noSphere') });
    blocks.push({
      kind: 'table',
      columns: [
        { header: t('colCode'), width: 9 },
        { header: t('colTitle'), width: 40 },
        ...d.parties.map((p) => ({ header: t('colResponsible', { party: tr(p.name, L) }), width: 22 })),
        { header: t('colDue'), width: 10, align: 'center' as const },
        { header: t('colStatus'), width: 11 },
        { header: t('colProgress'), width: 12, align: 'right' as const },
        { header: t('colReported'), width: 16 },
      ],
      rows: (groups.get(id) ?? []).map((m) => [
        code(m, m.depth === 0),
        { text: tr(m.title, L), bold: !m.leaf, indent: m.depth },
        ...d.parties.map((p) =>
          m.responsible
            .filter((r) => r.partyId === p.id)
            .map((r) => org(r.organisationId))
            .join('\n'),
        ),
        { text: shortDate(L, m.dueDate), color: m.overdue ? COLOURS.danger : undefined },
        {
          text: status(m),
          color: m.disputed ? COLOURS.danger : m.atRisk ? COLOURS.warning : undefined,
        },
        `${m.progress} %`,
        m.reported
          .map((r) =>
            t('reportedItem', {
              party: party.get(r.partyId)?.code ?? '',
              progress: r.progress,
              period: r.periodCode,
            }),
          )
          .join('\n'),
      ]),
    });
  }

  const signed = (a: ReportData['agreements'][number]) =>
    a.signedOn
      ? `${tr(a.title, L)} (${a.signedPlace ? t('signedAt', { date: longDate(L, a.signedOn), place: tr(a.signedPlace, L) }) : t('signed', { date: longDate(L, a.signedOn) })})`
      : tr(a.title, L);
  return {
    locale: L,
    generatedAt: d.generatedAt,
    running: { left: tr(d.roadmap.title, L), right: t('asOf', { date: shortDate(L, d.asOf) }) },
    titlePage: {
      kicker: t('forCommission'),
      title: t('title'),
      roadmap: tr(d.roadmap.title, L),
      agreements: d.agreements.map(signed),
      parties: d.parties.map((p) => tr(p.name, L)).join(' — '),
      asOf: t('asOf', { date: longDate(L, d.asOf) }),
      note: tr(d.roadmap.description, L) || null,
      produced: t('produced', { date: shortDate(L, d.generatedAt), who }),
    },
    blocks,
  };
}

/** A table of a group's figures beside its chart (the chart's numbers, readable in black and white). */
function groupTable(
  L: Locale,
  groups: [
    string,
    {
      leaves: { total: number; byStatus: Record<string, number>; overdue: number; atRisk: number };
      progress: number;
    },
  ][],
): Block {
  const t = (key: ReportTextKey) => rt(L, key);
  return {
    kind: 'table',
    columns: [
      { header: t('colGroup'), width: 40 },
      { header: t('colTotal'), width: 12, align: 'right' },
      { header: t('colCompleted'), width: 12, align: 'right' },
      { header: t('colOverdue'), width: 12, align: 'right' },
      { header: t('colAtRisk'), width: 12, align: 'right' },
      { header: t('colProgress'), width: 12, align: 'right' },
    ],
    rows: groups.map(([name, g]) => [
      name,
      String(g.leaves.total),
      String(g.leaves.byStatus.completed),
      String(g.leaves.overdue),
      String(g.leaves.atRisk),
      percent(L, g.progress),
    ]),
  };
}

/** The «changes since» section. */
function changeBlocks(L: Locale, c: NonNullable<ReportData['changes']>): Block[] {
  const t = (key: ReportTextKey, p?: Record<string, string | number>) => rt(L, key, p);
  const out: Block[] = [
    {
      kind: 'h1',
      text: t('changes', { since: shortDate(L, c.since), asOf: shortDate(L, c.asOf) }),
      newPage: true,
    },
  ];
  const simple = (items: { code: string; title: ReportData['measures'][number]['title'] }[]): Block =>
    items.length
      ? {
          kind: 'table',
          columns: [
            { header: t('colCode'), width: 12 },
            { header: t('colTitle'), width: 88 },
          ],
          rows: items.map((m) => [{ text: m.code, bold: true }, tr(m.title, L)]),
        }
      : { kind: 'p', text: t('none'), muted: true };
  out.push({ kind: 'h2', text: t('changesNew') }, simple(c.created));
  out.push({ kind: 'h2', text: t('changesRemoved') }, simple(c.removed));
  out.push({ kind: 'h2', text: t('statusChanges') });
  out.push(
    c.statusChanges.length
      ? {
          kind: 'table',
          columns: [
            { header: t('colCode'), width: 12 },
            { header: t('colTitle'), width: 58 },
            { header: t('colFrom'), width: 15 },
            { header: t('colTo'), width: 15 },
          ],
          rows: c.statusChanges.map((m) => [
            { text: m.code, bold: true },
            tr(m.title, L),
            t(`status_${m.from}` as ReportTextKey),
            t(`status_${m.to}` as ReportTextKey),
          ]),
        }
      : { kind: 'p', text: t('none'), muted: true },
  );
  out.push({ kind: 'h2', text: t('changesChanged') });
  out.push(
    c.changed.length
      ? {
          kind: 'table',
          columns: [
            { header: t('colCode'), width: 12 },
            { header: t('colTitle'), width: 58 },
            { header: t('colFields'), width: 30 },
          ],
          rows: c.changed.map((m) => [
            { text: m.code, bold: true },
            tr(m.title, L),
            [...new Set(m.fields.map((f) => fieldLabel(L, f)))].join(', '),
          ]),
        }
      : { kind: 'p', text: t('none'), muted: true },
  );
  return out;
}
