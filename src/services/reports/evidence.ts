/**
 * Evidence files of a report: upload (a draft or returned report, by those who may edit it),
 * download (the report's visibility), delete (while editable). Bytes are kept in PostgreSQL
 * (`content`), or, when the server names a directory (ACCORD_DATA_DIR set), as a file
 * `<dir>/evidence/<id>` written before the row is committed; the SHA-256 is kept either way.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { EvidenceFile } from '../../contracts/reports';
import { reportEvidence } from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { guard, lockReport } from './guard';
import { reportVisibleAs } from './visibility';

let evidenceDir: string | null = null;

/** Where evidence files go: a directory (created on first use), or null for the database. */
export function setEvidenceDir(dir: string | null): void {
  evidenceDir = dir ? path.join(dir, 'evidence') : null;
}

const fileOf = (dir: string, id: string) => path.join(dir, id);

/** An uploaded file to attach. */
export interface EvidenceUpload {
  fileName: string;
  contentType: string;
  data: Buffer;
  version: number;
}

/** POST /reports/{id}/evidence: the file's row (the report's version rises, as for any edit). */
export async function uploadEvidence(ctx: Ctx, actor: Actor, reportId: string, up: EvidenceUpload) {
  const sha256 = createHash('sha256').update(up.data).digest('hex');
  const dir = evidenceDir;
  let written: string | null = null;
  try {
    return await mutate(ctx, actor, async (tx, audit) => {
      const cur = await lockReport(tx, actor, reportId);
      guard(actor, 'edit', cur, up.version);
      const id = crypto.randomUUID();
      if (dir) {
        await mkdir(dir, { recursive: true });
        // a retried transaction (core/mutate.ts) leaves no file of its failed attempt
        if (written) await rm(written, { force: true });
        written = fileOf(dir, id);
        await writeFile(written, up.data, { flag: 'wx' });
      }
      const [row] = await tx
        .insert(reportEvidence)
        .values({
          id,
          reportId,
          fileName: up.fileName,
          contentType: up.contentType,
          size: up.data.length,
          sha256,
          content: dir ? null : up.data,
          storagePath: dir ? id : null,
          uploadedBy: actor.userId,
        })
        .returning();
      await tx.execute(
        sql`update reports set version = version + 1, updated_at = now() where id = ${reportId}`,
      );
      const who = await tx.execute<{ name: string }>(sql`select name from users where id = ${actor.userId}`);
      const file: EvidenceFile = {
        id: row.id,
        reportId,
        fileName: row.fileName,
        contentType: row.contentType,
        size: row.size,
        sha256,
        uploadedAt: row.uploadedAt.toISOString(),
        uploadedBy: who.rows[0] ? { id: actor.userId, name: who.rows[0].name } : null,
      };
      audit.record({
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: row.id,
        after: { ...file, measureId: cur.measureId, periodId: cur.periodId, partyId: cur.partyId },
        partyScope: cur.partyId,
      });
      return { ...file, reportVersion: cur.version + 1 };
    });
  } catch (e) {
    if (written) await rm(written, { force: true });
    throw e;
  }
}

/** GET /evidence/{id}: the bytes and how to send them, when the actor may read the report. */
export async function downloadEvidence(ctx: Ctx, actor: Actor, id: string) {
  const res = await ctx.db.execute<{
    fileName: string;
    contentType: string;
    sha256: string;
    content: Buffer | null;
    storagePath: string | null;
  }>(sql`select e.file_name as "fileName", e.content_type as "contentType", e.sha256,
      e.content, e.storage_path as "storagePath"
    from report_evidence e join reports r on r.id = e.report_id join measures m on m.id = r.measure_id
    where e.id = ${id} and ${reportVisibleAs('r', 'm', actor)}`);
  const row = res.rows[0];
  if (!row) throw notFound('evidence');
  let data = row.content;
  if (!data) {
    if (!evidenceDir) throw notFound('evidence');
    data = await readFile(fileOf(evidenceDir, row.storagePath!)).catch(() => {
      throw notFound('evidence');
    });
  }
  return { fileName: row.fileName, contentType: row.contentType, sha256: row.sha256, data };
}

/** DELETE /evidence/{id}?version=: while the report is a draft or returned. */
export async function deleteEvidence(ctx: Ctx, actor: Actor, id: string, version: number) {
  const stored = await mutate(ctx, actor, async (tx, audit) => {
    const res = await tx.execute<{ reportId: string; storagePath: string | null; fileName: string }>(
      sql`select report_id as "reportId", storage_path as "storagePath", file_name as "fileName"
        from report_evidence where id = ${id}`,
    );
    const ev = res.rows[0];
    if (!ev) throw notFound('evidence');
    const cur = await lockReport(tx, actor, ev.reportId).catch(() => {
      throw notFound('evidence');
    });
    guard(actor, 'edit', cur, version);
    await tx.delete(reportEvidence).where(eq(reportEvidence.id, id));
    await tx.execute(sql`update reports set version = version + 1, updated_at = now() where id = ${cur.id}`);
    audit.record({
      action: 'evidence.delete',
      entityType: 'evidence',
      entityId: id,
      before: { id, reportId: cur.id, fileName: ev.fileName, measureId: cur.measureId, partyId: cur.partyId },
      partyScope: cur.partyId,
    });
    return { path: ev.storagePath, reportVersion: cur.version + 1 };
  });
  if (stored.path && evidenceDir) await rm(fileOf(evidenceDir, stored.path), { force: true });
  return { reportVersion: stored.reportVersion };
}
