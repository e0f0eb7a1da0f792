/**
 * Pure rules about measures: codes, dates, roll-ups, derived flags and completion levels.
 * No I/O: services load what these functions need and store what they return.
 */
import type { CompletionLevel, MeasureStatus } from '../contracts/enums';
import { type Message, type MessageKey, msg } from '../contracts/messages';

// ---------- codes ----------

const SEGMENT_WIDTH = 4;

/**
 * One level of a code: a number (`3`) in the joint series, or a party's code and a number
 * (`KZ3`) in that party's own series. Internal measures are numbered apart from the joint
 * ones, so that no joint code, proposed code or gap in the joint numbering reveals a
 * measure that the other party cannot see.
 */
const SEGMENT = '(?:[A-Z]{2,8})?[1-9]\\d{0,3}';
const CODE_RE = new RegExp(`^${SEGMENT}(\\.${SEGMENT}){0,9}$`);

/** Splits `2.3.KZ1` into its segments; returns null for anything that is not a measure code. */
export function parseCode(code: string): string[] | null {
  return CODE_RE.test(code) ? code.split('.') : null;
}

/** The series of a code's last segment: null for the joint series, else the party's code. */
export function codeSeries(code: string): string | null {
  const last = code.slice(code.lastIndexOf('.') + 1);
  const m = /^([A-Z]{2,8})\d/.exec(last);
  return m ? m[1] : null;
}

/** `2.10.KZ1` → `0002.0010.KZ0001`: sorts codes in tree order as plain strings (joint first). */
export function codeSortKey(code: string): string {
  return code
    .split('.')
    .map((s) => {
      const m = /^([A-Z]*)(\d+)$/.exec(s);
      return m ? m[1] + m[2].padStart(SEGMENT_WIDTH, '0') : s;
    })
    .join('.');
}

/**
 * The numbering series of a new or moved measure: an internal measure that starts an
 * internal branch (its parent is joint, or it is at the top) is numbered in its owner
 * party's series; everything else (joint measures, children of internal ones) in plain
 * numbers under its parent.
 */
export function seriesFor(
  m: { tier: string; ownerPartyCode: string | null },
  parent: { tier: string } | null,
): string | null {
  return m.tier === 'internal' && parent?.tier !== 'internal' ? m.ownerPartyCode : null;
}

/**
 * A code belongs under its parent: a top-level code has one segment, a child's code is its
 * parent's code plus one more, and its last segment is in the measure's series. Returns an
 * error message, or null when it fits.
 */
export function codeFitsParent(
  code: string,
  parentCode: string | null,
  series: string | null = null,
): Message | null {
  const parts = parseCode(code);
  if (!parts) return msg('code.format');
  const example = `${parentCode === null ? '' : `${parentCode}.`}${series ?? ''}N`;
  if (parentCode === null) {
    if (parts.length !== 1) return msg('code.topLevel', { example: `${series ?? ''}3` });
  } else if (!code.startsWith(`${parentCode}.`) || parts.length !== parentCode.split('.').length + 1) {
    return msg('code.underParent', { example, parent: parentCode });
  }
  if (codeSeries(code) !== series) return msg(series ? 'code.partySeries' : 'code.jointSeries', { example });
  return null;
}

/** The next free code in a series under a parent, given its children's codes (`2.1`, `2.4` → `2.5`). */
export function nextChildCode(
  parentCode: string | null,
  siblingCodes: readonly string[],
  series: string | null = null,
): string {
  let max = 0;
  for (const c of siblingCodes) {
    if (codeSeries(c) !== series) continue;
    const last = Number(c.slice(c.lastIndexOf('.') + 1).replace(/^[A-Z]+/, ''));
    if (last > max) max = last;
  }
  const segment = `${series ?? ''}${max + 1}`;
  return parentCode === null ? segment : `${parentCode}.${segment}`;
}

/** Rewrites a descendant's code when its ancestor moves from `oldPrefix` to `newPrefix`. */
export function rebaseCode(code: string, oldPrefix: string, newPrefix: string): string {
  if (code === oldPrefix) return newPrefix;
  if (!code.startsWith(`${oldPrefix}.`)) throw new Error(`${code} is not under ${oldPrefix}`);
  return newPrefix + code.slice(oldPrefix.length);
}

// ---------- dates ----------

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A due date before the start date is refused; null when the range is valid. */
export function dateRangeError(startDate: string, dueDate: string): MessageKey | null {
  return dueDate < startDate ? 'date.beforeStart' : null;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// ---------- derived flags ----------

export interface ScheduleFacts {
  status: MeasureStatus;
  progress: number;
  startDate: string;
  dueDate: string;
}

const CLOSED: readonly MeasureStatus[] = ['completed', 'cancelled'];

/** Points by which elapsed schedule may exceed progress before a measure is at risk. */
export const AT_RISK_THRESHOLD = 25;

/** Overdue: the due date has passed (due before today) and the measure is neither completed nor cancelled. */
export function isOverdue(m: ScheduleFacts, today: string): boolean {
  return !CLOSED.includes(m.status) && m.dueDate < today;
}

/** Share of the schedule elapsed on `today`, in percent, clamped to 0–100. */
export function elapsedPercent(m: Pick<ScheduleFacts, 'startDate' | 'dueDate'>, today: string): number {
  if (today < m.startDate) return 0;
  const span = Math.max(daysBetween(m.startDate, m.dueDate), 1);
  return Math.min(100, (daysBetween(m.startDate, today) / span) * 100);
}

/**
 * At risk: open (not completed, cancelled or already overdue), started (start date on or
 * before today), and behind schedule by more than the threshold:
 *
 *     elapsed% − progress > 25, where elapsed% = (today − start) / max(due − start, 1 day) × 100
 *
 * For example a measure half-way through its schedule (elapsed 50%) with progress 20% is at
 * risk (50 − 20 = 30 > 25); with progress 30% it is not (20 ≤ 25). An overdue measure is
 * reported as overdue, not as at risk. The SQL filter in services/measures mirrors this.
 */
export function isAtRisk(m: ScheduleFacts, today: string, threshold: number = AT_RISK_THRESHOLD): boolean {
  if (CLOSED.includes(m.status) || isOverdue(m, today) || m.startDate > today) return false;
  return elapsedPercent(m, today) - m.progress > threshold;
}

/**
 * OGP completion level: complete at 100% or when completed; substantial from 50%; limited
 * from 1%; otherwise not started.
 */
export function completionLevel(progress: number, status: MeasureStatus): CompletionLevel {
  if (status === 'completed' || progress >= 100) return 'complete';
  if (progress >= 50) return 'substantial';
  if (progress > 0) return 'limited';
  return 'not_started';
}

// ---------- roll-ups ----------

export interface RollUpChild {
  weight: number;
  progress: number;
  status: MeasureStatus;
}

/**
 * Weighted mean progress of children. Cancelled children and zero weights do not count;
 * null when nothing counts (the parent then keeps its own value).
 */
export function rollUpProgress(children: readonly RollUpChild[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of children) {
    if (c.status === 'cancelled' || c.weight <= 0) continue;
    sum += c.weight * c.progress;
    weights += c.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/**
 * Status of a parent from its children: completed when every counted child is completed;
 * cancelled when all are cancelled; in progress when any has started; else not started.
 */
export function rollUpStatus(children: readonly RollUpChild[]): MeasureStatus | null {
  if (children.length === 0) return null;
  const live = children.filter((c) => c.status !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  if (live.every((c) => c.status === 'completed')) return 'completed';
  if (live.some((c) => c.status !== 'not_started' || c.progress > 0)) return 'in_progress';
  return 'not_started';
}

/** Weighted mean of values (progress of leaves in a group), one decimal; 0 when empty. */
export function weightedMean(items: readonly { weight: number; progress: number }[]): number {
  let sum = 0;
  let weights = 0;
  for (const i of items) {
    if (i.weight <= 0) continue;
    sum += i.weight * i.progress;
    weights += i.weight;
  }
  return weights === 0 ? 0 : Math.round((sum / weights) * 10) / 10;
}

// ---------- tree ----------

/**
 * Children that count towards a parent's roll-up: all of them under an internal parent,
 * only the non-internal ones under a joint parent, so one party's private plan never shows
 * through the joint figures. SQL form: `countedChildrenSql` in services/measures/queries.
 */
export function countsTowardsParent(parent: { tier: string }, child: { tier: string }): boolean {
  return parent.tier === 'internal' || child.tier !== 'internal';
}

/**
 * Which measures a measure may depend on: a joint (shared or public) measure only on joint
 * ones; an internal measure on joint ones and on internal ones of its own party. So no edge
 * ever leads from what a party sees into the other party's internal plan, and a cycle check
 * over the edges a party can see is complete for it (a refusal reveals nothing hidden).
 */
export function dependencyRuleError(
  from: { tier: string; ownerPartyId: string | null },
  to: { tier: string; ownerPartyId: string | null },
): 'dependency.jointOnly' | 'dependency.ownInternalOnly' | null {
  if (to.tier !== 'internal') return null;
  if (from.tier !== 'internal') return 'dependency.jointOnly';
  return from.ownerPartyId === to.ownerPartyId ? null : 'dependency.ownInternalOnly';
}

/**
 * Moving `id` under `newParentId` creates a cycle when the new parent is the measure
 * itself or one of its descendants. `parentOf` answers for every measure of the roadmap.
 */
export function moveCreatesCycle(
  id: string,
  newParentId: string | null,
  parentOf: (id: string) => string | null | undefined,
): boolean {
  let cur: string | null | undefined = newParentId;
  const seen = new Set<string>();
  while (cur) {
    if (cur === id) return true;
    if (seen.has(cur)) return true; // already corrupt: refuse rather than loop
    seen.add(cur);
    cur = parentOf(cur);
  }
  return false;
}

/**
 * Adding dependencies `from → to[]` creates a cycle when some `to` already (transitively)
 * depends on `from`. `dependsOn` lists existing edges.
 */
export function dependencyCycle(
  from: string,
  to: readonly string[],
  dependsOn: (id: string) => readonly string[],
): string | null {
  for (const target of to) {
    if (target === from) return target;
    const stack = [target];
    const seen = new Set<string>();
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === from) return target;
      if (seen.has(cur)) continue;
      seen.add(cur);
      stack.push(...dependsOn(cur));
    }
  }
  return null;
}
