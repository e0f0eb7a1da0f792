/**
 * The checks an import makes of every planned measure before it writes, so that a dry run
 * lists every problem (the write path would stop at the first): what a new measure needs,
 * and the shape rules of `checkShape` on the measure as it would be.
 */
import { msg } from '../../contracts/messages';
import type { Measure } from '../../contracts/roadmaps';
import { AppError } from '../../domain/errors';
import { importPatch } from '../../domain/import/diff';
import type { PlannedMeasure } from '../../domain/import/plan';
import type { ImportProblem } from '../../domain/import/rows';
import { checkShape } from '../measures/rules';

/** What the import does with a planned row. */
export interface Decided {
  row: PlannedMeasure;
  action: 'create' | 'update' | 'unchanged';
  current: Measure | null;
  patch: ReturnType<typeof importPatch>;
}

/** Decides create/update/unchanged for every row and collects the problems of each. */
export function decideRows(
  planned: readonly PlannedMeasure[],
  existing: ReadonlyMap<string, Measure>,
  day: string,
  problems: ImportProblem[],
  /** The header of each field's column, to name it in problems. */
  headerOf: (field: string) => string,
): Decided[] {
  const parentCodes = new Set(planned.map((m) => m.parentCode).filter(Boolean));
  const byCode = new Map(planned.map((m) => [m.code, m]));
  const out: Decided[] = [];
  for (const row of planned) {
    const current = existing.get(row.code) ?? null;
    const add = (p: ImportProblem) => {
      if (!problems.some((x) => x.row === p.row && x.column === p.column)) problems.push(p);
    };
    const bad = (field: string, key: Parameters<typeof msg>[0]) =>
      add({ row: row.line, column: headerOf(field), message: msg(key) });
    if (!current) {
      if (!row.title.ru) bad('title', 'import.titleRequired');
      if (!row.dueDate) bad('dueDate', 'import.dueRequired');
      if (!row.responsible?.length) bad('responsible', 'import.responsibleRequired');
      if (!row.startDate && row.dueDate) row.startDate = row.dueDate < day ? row.dueDate : day;
      if (row.status === 'completed' && row.progress === undefined) row.progress = 100;
    }
    const hasChildren = parentCodes.has(row.code) || (current?.childCount ?? 0) > 0;
    const patch = current ? importPatch(row, current, hasChildren) : {};
    if (current && patch.status === 'completed' && patch.progress === undefined && current.progress !== 100)
      patch.progress = 100;
    const parent = row.parentCode ? (byCode.get(row.parentCode) ?? existing.get(row.parentCode)) : null;
    const tier = patch.tier ?? row.tier ?? current?.tier ?? 'shared';
    const parentFacts = parent
      ? {
          tier: parent.tier ?? existing.get(parent.code)?.tier ?? 'shared',
          ownerPartyId: parent.ownerPartyId ?? existing.get(parent.code)?.ownerPartyId ?? null,
        }
      : null;
    try {
      if (row.startDate || current)
        checkShape(
          {
            roadmapId: '',
            parentId: null,
            tier,
            ownerPartyId:
              tier === 'internal'
                ? (patch.ownerPartyId ?? row.ownerPartyId ?? current?.ownerPartyId ?? null)
                : null,
            startDate: patch.startDate ?? row.startDate ?? current?.startDate ?? '',
            dueDate: patch.dueDate ?? row.dueDate ?? current?.dueDate ?? '',
            status: hasChildren
              ? 'not_started'
              : (patch.status ?? row.status ?? current?.status ?? 'not_started'),
            progress: hasChildren ? 0 : (patch.progress ?? row.progress ?? current?.progress ?? 0),
          },
          parentFacts as Parameters<typeof checkShape>[1],
        );
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const d of e.details)
        add({ row: row.line, column: headerOf(d.path), message: msg(d.rule ?? 'value.invalid', d.params) });
    }
    const action = !current ? 'create' : Object.keys(patch).length ? 'update' : 'unchanged';
    out.push({ row, action, current, patch });
  }
  return out;
}
