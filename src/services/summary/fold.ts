/**
 * Aggregate rows → the contract: both the from-scratch queries (reference.ts) and the
 * incremental sums (fast.ts) produce the same rows, and this module alone folds them, so
 * the two paths can only differ in the rows, which the equality test compares.
 */
import { MEASURE_STATUSES, type MeasureStatus } from '../../contracts/enums';
import type { RoadmapSummary } from '../../contracts/roadmaps';
import { completionLevel, rollUpProgress, rollUpStatus, weightedMean } from '../../domain/measures';

/** One aggregate row: measures of one group with one status, leaf or not. */
export interface Part {
  status: MeasureStatus;
  leaf: boolean;
  n: number;
  overdue: number;
  atRisk: number;
  /** Σ weight × progress and Σ weight over these measures. */
  wp: number;
  w: number;
}

/** A row as SQL returns it (snake case, numbers possibly as strings). */
export interface RawPart {
  status: MeasureStatus;
  leaf: boolean;
  n: number;
  overdue: number;
  at_risk: number;
  wp: number;
  w: number;
}

/** The rows of a summary: the roadmap's own (with top-level flag) and each group's. */
export interface SummaryRows {
  own: (RawPart & { top: boolean })[];
  bySphere: (RawPart & { sphere_id: string })[];
  byParty: (RawPart & { party_id: string })[];
  byOrg: (RawPart & { organisation_id: string; party_id: string })[];
}

type Group = RoadmapSummary['leaves'];
type LeafFigures = RoadmapSummary['bySphere'][number]['leaves'];

const zeroStatuses = () => Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Group['byStatus'];

/** Partial sums as items of a weighted mean: each part weighs Σw at its mean progress. */
const asItems = (parts: readonly Part[]) =>
  parts
    .filter((p) => p.status !== 'cancelled' && p.w > 0)
    .map((p) => ({ weight: p.w, progress: p.wp / p.w, status: p.status }));

/** Counts of some parts: total, by status, overdue, at risk. */
function countParts(parts: readonly Part[]): LeafFigures {
  const byStatus = zeroStatuses();
  let total = 0;
  let overdue = 0;
  let atRisk = 0;
  for (const p of parts) {
    byStatus[p.status] += p.n;
    total += p.n;
    overdue += p.overdue;
    atRisk += p.atRisk;
  }
  return { total, byStatus, overdue, atRisk };
}

/** Folds a group's parts into the contract's group figures. */
export function foldGroup(parts: readonly Part[]): Group {
  const leaves = asItems(parts.filter((p) => p.leaf));
  const progress = weightedMean(leaves.length ? leaves : asItems(parts));
  return { ...countParts(parts), progress };
}

/** A sphere's, party's or organisation's figures: `foldGroup` plus its leaves alone. */
function foldItem(parts: readonly Part[]) {
  return { ...foldGroup(parts), leaves: countParts(parts.filter((p) => p.leaf)) };
}

const toPart = (r: RawPart): Part => ({
  status: r.status,
  leaf: r.leaf,
  n: Number(r.n),
  overdue: Number(r.overdue),
  atRisk: Number(r.at_risk),
  wp: Number(r.wp),
  w: Number(r.w),
});

/** Groups parts by a key, keeping the order in which keys first appear (the SQL order). */
function byKey<R extends RawPart>(rows: R[], key: (r: R) => string) {
  const out = new Map<string, { first: R; parts: Part[] }>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k);
    if (g) g.parts.push(toPart(r));
    else out.set(k, { first: r, parts: [toPart(r)] });
  }
  return [...out.values()];
}

/** Leaf and non-leaf rows of one sphere × status become one count. */
function mergeSphereStatus(rows: { sphereId: string; status: MeasureStatus; n: number }[]) {
  const out = new Map<string, { sphereId: string; status: MeasureStatus; count: number }>();
  for (const r of rows) {
    const k = `${r.sphereId}:${r.status}`;
    const cur = out.get(k);
    if (cur) cur.count += r.n;
    else out.set(k, { sphereId: r.sphereId, status: r.status, count: r.n });
  }
  return [...out.values()];
}

/** The cached part of a summary: everything but the monitoring counts (see ./monitoring.ts). */
export type SummaryBody = Omit<
  RoadmapSummary,
  'disputed' | 'reportMissing' | 'reportMissingPeriodId' | 'lateReport'
>;

/** The summary body from its aggregate rows (see the module comment of ./index.ts). */
export function assemble(roadmapId: string, day: string, rows: SummaryRows): SummaryBody {
  const all = rows.own.map(toPart);
  const topItems = asItems(rows.own.filter((r) => r.top).map(toPart));
  const raw = rollUpProgress(topItems) ?? 0;
  const status = rollUpStatus(topItems) ?? 'not_started';
  const sphereStatus = rows.bySphere.map((r) => ({
    sphereId: r.sphere_id,
    status: r.status,
    n: Number(r.n),
  }));
  return {
    roadmapId,
    asOf: day,
    measureCount: all.reduce((s, p) => s + p.n, 0),
    rollUp: Math.round(raw * 10) / 10,
    completionLevel: completionLevel(Math.floor(raw), status),
    leaves: foldGroup(all.filter((p) => p.leaf)),
    bySphere: byKey(rows.bySphere, (r) => r.sphere_id).map((g) => ({
      sphereId: g.first.sphere_id,
      ...foldItem(g.parts),
    })),
    bySphereStatus: mergeSphereStatus(sphereStatus),
    byParty: byKey(rows.byParty, (r) => r.party_id).map((g) => ({
      partyId: g.first.party_id,
      ...foldItem(g.parts),
    })),
    byOrganisation: byKey(rows.byOrg, (r) => r.organisation_id).map((g) => ({
      organisationId: g.first.organisation_id,
      partyId: g.first.party_id,
      ...foldItem(g.parts),
    })),
  };
}
