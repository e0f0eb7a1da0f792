/**
 * `importRoadmap`: a file in, measures created and updated, all or nothing. The dry run does
 * the same work inside a transaction that is rolled back, so its preview is exactly what the
 * real run would save; the real run refuses the whole file on any problem, listing every one.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/enums';
import type { ColumnMapping, ImportResult } from '../../contracts/imports';
import { msg, render } from '../../contracts/messages';
import { organisations } from '../../db/schema';
import { readGrid } from '../../documents/import';
import { AppError, detail } from '../../domain/errors';
import { canImportRoadmap } from '../../domain/import-policies';
import { findLayout, guessHeaders } from '../../domain/import/headers';
import { indexBodies } from '../../domain/import/organisations';
import { planImport } from '../../domain/import/plan';
import { type ImportProblem, readRows } from '../../domain/import/rows';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { today } from '../context';
import { authorize } from '../core/authorize';
import { type AuditLog, mutate } from '../core/mutate';
import type { Tx } from '../../db/client';
import { amendPlan } from '../baselines/amend';
import { applyUpdate } from '../measures/update';
import {
  batchCreateEvents,
  type BatchMeasure,
  rollUpRoadmap,
  writeMeasureBatch,
} from '../measures/write-batch';
import { type Decided, decideRows } from './check';
import { type ImportContext, loadImportContext } from './load';
import { savedMapping } from './mapping';

export interface ImportFile {
  fileName: string;
  kind: 'xlsx' | 'csv' | 'docx';
  data: Buffer;
}

export interface ImportOptions {
  dryRun: boolean;
  createOrganisations: boolean;
  /** Overrides the saved mapping, column by column. */
  mapping?: z.infer<typeof ColumnMapping>;
  /** The sheet (XLSX) or table number (DOCX). */
  choice?: string;
  locale: Locale;
}

const PREVIEW_ROWS = 50;
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/** Imports `file` into roadmap `roadmapId` (or previews it when `opts.dryRun`). */
export async function importRoadmap(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  file: ImportFile,
  opts: ImportOptions,
): Promise<ImportResult> {
  authorize(canImportRoadmap(actor), 'import.forbidden');
  const grid = await readGrid(file.kind, file.data, opts.choice);
  const day = today(ctx);
  try {
    return await mutate(ctx, actor, async (tx, audit) => {
      const c = await loadImportContext(tx, actor, roadmapId, day);
      const mapping = { ...(await savedMapping(tx, roadmapId)), ...opts.mapping };
      const layout = findLayout(grid, c.parties, mapping);
      if (!layout) {
        if (!opts.dryRun)
          throw new AppError('validation_failed', msg('error.import'), [detail('file', 'import.noHeader')]);
        // the preview still shows the likely headers, for the mapping step
        const noHeader = [{ row: 1, column: '', message: msg('import.noHeader') }];
        throw new DryRunDone(present(file, guessHeaders(grid, c.parties), [], noHeader, [], c, 0, opts));
      }
      const problems: ImportProblem[] = [];
      const rows = readRows(grid, layout, problems);
      if (!rows.some((r) => !r.section))
        throw new AppError('validation_failed', msg('error.import'), [detail('file', 'import.noRows')]);
      const plan = planImport({
        rows,
        parties: c.parties,
        bodies: indexBodies(c.bodies),
        spheres: c.spheres,
        provisions: c.provisions,
        existing: c.existing,
        today: day,
        createOrganisations: opts.createOrganisations,
      });
      problems.push(...plan.problems);
      const headerOf = (field: string) =>
        layout.columns.find(
          (col) => col.field === field || (field === 'responsible' && col.field?.startsWith('responsible')),
        )?.header ?? field;
      const decided = decideRows(plan.measures, c.existing, day, problems, headerOf);
      problems.sort((a, b) => a.row - b.row);
      if (problems.length && !opts.dryRun)
        throw new AppError(
          'rule_violation',
          msg('error.importRows', { count: problems.length }),
          problems.map((p) => detail(`rows.${p.row}.${p.column}`, p.message)),
        );
      // The dry run applies the updates too (their write path has the last word) but not the
      // creates, which the checks above judge in full: the bulk insert, roll-up and events of
      // thousands of new measures would only be rolled back.
      const toWrite = opts.dryRun ? decided.filter((d) => d.action !== 'create') : decided;
      const created = problems.length
        ? 0
        : await write(tx, actor, c, toWrite, plan.unmatched, day, audit, file);
      const result = present(file, layout.columns, decided, problems, plan.unmatched, c, created, opts);
      if (opts.dryRun) throw new DryRunDone(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.result;
    throw e;
  }
}

/** The writes of an import, in one transaction: new bodies, updates, new measures, roll-up, events. */
async function write(
  tx: Tx,
  actor: Actor,
  c: ImportContext,
  decided: Decided[],
  unmatched: ReturnType<typeof planImport>['unmatched'],
  day: string,
  audit: AuditLog,
  file: ImportFile,
): Promise<number> {
  const newOrg = new Map<string, string>();
  const toCreate = unmatched.filter((u) => u.partyId);
  if (
    toCreate.length &&
    decided.some((d) => d.row.responsible?.some((r) => r.organisationId.startsWith('new:')))
  ) {
    const codeOf = new Map(c.parties.map((p) => [p.id, p.code]));
    const rows = await tx
      .insert(organisations)
      .values(toCreate.map((u) => ({ partyId: u.partyId!, kind: 'other' as const, name: { ru: u.name } })))
      .returning();
    rows.forEach((o, i) => {
      newOrg.set(`new:${codeOf.get(o.partyId)}:${toCreate[i].name}`, o.id);
      audit.record({
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: o.id,
        after: o,
        partyScope: null,
      });
    });
  }
  const orgId = (id: string) => newOrg.get(id) ?? id;
  const reason = `import: ${file.fileName}`;
  for (const d of decided.filter((x) => x.action === 'update')) {
    const p = d.patch;
    const input = {
      ...p,
      version: d.current!.version,
      ...(p.responsible
        ? { responsible: p.responsible.map((r) => ({ ...r, organisationId: orgId(r.organisationId) })) }
        : {}),
    };
    const r = await applyUpdate(tx, actor, d.current!.id, input, day, {
      source: 'import',
      prefix: `rows.${d.row.line}.`,
      reason,
      freeze: { actor, audit },
    });
    if (r.event) audit.record(r.event);
  }
  const ids = new Map<string, { id: string; depth: number }>();
  for (const m of c.existing.values()) ids.set(m.code, { id: m.id, depth: m.depth });
  const batch: BatchMeasure[] = [];
  for (const d of decided.filter((x) => x.action === 'create')) {
    const m = d.row;
    const parent = m.parentCode ? ids.get(m.parentCode)! : null;
    const id = randomUUID();
    ids.set(m.code, { id, depth: parent ? parent.depth + 1 : 0 });
    const descr = m.description ?? (m.formText ? m.formText : null);
    batch.push({
      id,
      parentId: parent?.id ?? null,
      code: m.code,
      depth: parent ? parent.depth + 1 : 0,
      title: {
        ru: m.title.ru!,
        ...(m.title.kk ? { kk: m.title.kk } : {}),
        ...(m.title.en ? { en: m.title.en } : {}),
      },
      description: descr ? { ru: descr } : null,
      startDate: m.startDate!,
      dueDate: m.dueDate!,
      completionForm: m.completionForm ?? 'other',
      weight: m.weight ?? 1,
      tier: m.tier ?? 'shared',
      ownerPartyId: m.tier === 'internal' ? (m.ownerPartyId ?? null) : null,
      status: m.status ?? 'not_started',
      progress: m.progress ?? 0,
      sphereIds: m.sphereIds ?? [],
      provisionIds: m.provisionIds ?? [],
      responsible: (m.responsible ?? []).map((r) => ({ ...r, organisationId: orgId(r.organisationId) })),
    });
  }
  // new measures amend an approved plan (the file is the reason): a plan approved before
  // baselines existed is frozen first, unless only one party's internal measures are added
  if (batch.length)
    await amendPlan(
      tx,
      c.roadmap,
      { kind: 'create' },
      reason,
      { actor, audit },
      '',
      batch.every((m) => m.tier === 'internal'),
    );
  if (batch.length) await writeMeasureBatch(tx, c.roadmap.id, batch);
  if (batch.length || decided.some((d) => d.action === 'update')) await rollUpRoadmap(tx, c.roadmap.id);
  if (batch.length)
    audit.record(
      await batchCreateEvents(
        tx,
        batch.map((b) => b.id),
        day,
      ),
    );
  const counts = (a: Decided['action']) => decided.filter((d) => d.action === a).length;
  audit.record({
    action: 'roadmap.import',
    entityType: 'roadmap',
    entityId: c.roadmap.id,
    after: {
      fileName: file.fileName,
      kind: file.kind,
      create: counts('create'),
      update: counts('update'),
      unchanged: counts('unchanged'),
      createdOrganisations: newOrg.size,
    },
    partyScope: null,
  });
  return newOrg.size;
}

function present(
  file: ImportFile,
  columns: { header: string; field: string | null }[],
  decided: Decided[],
  problems: ImportProblem[],
  unmatched: ReturnType<typeof planImport>['unmatched'],
  c: ImportContext,
  created: number,
  opts: ImportOptions,
): ImportResult {
  const count = (a: Decided['action']) => decided.filter((d) => d.action === a).length;
  const partyName = (id: string) => c.parties.find((p) => p.id === id)?.code ?? '';
  return {
    dryRun: opts.dryRun,
    fileName: file.fileName,
    columns: columns.map((col) => ({ header: col.header, field: col.field })),
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    createdOrganisations: opts.dryRun ? 0 : created,
    rows: decided.slice(0, PREVIEW_ROWS).map((d) => {
      const m = d.row;
      const cur = d.current;
      return {
        row: m.line,
        action: d.action,
        section: m.section,
        code: m.code,
        parentCode: m.parentCode,
        title: { ...(cur?.title ?? {}), ...m.title },
        startDate: d.patch.startDate ?? m.startDate ?? cur?.startDate ?? null,
        dueDate: d.patch.dueDate ?? m.dueDate ?? cur?.dueDate ?? null,
        completionForm: m.completionForm ?? cur?.completionForm ?? null,
        status: m.status ?? cur?.status ?? null,
        progress: m.progress ?? cur?.progress ?? null,
        tier: m.tier ?? cur?.tier ?? null,
        responsible: (m.responsible ?? cur?.responsible ?? []).map((r) => {
          const isNew = r.organisationId.startsWith('new:');
          return {
            organisationId: isNew ? null : r.organisationId,
            name: isNew
              ? r.organisationId.split(':').slice(2).join(':')
              : (c.orgNames.get(r.organisationId) ?? partyName(r.partyId)),
            partyId: r.partyId,
            role: r.role,
          };
        }),
        changes: Object.keys(d.patch),
      };
    }),
    errors: problems.map((p) => ({ row: p.row, column: p.column, message: render(opts.locale, p.message) })),
    unmatchedOrganisations: unmatched.map((u) => ({
      name: u.name,
      partyId: u.partyId,
      rows: u.rows,
      suggestions: u.suggestions,
    })),
  };
}
