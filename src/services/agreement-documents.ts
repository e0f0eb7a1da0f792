/**
 * Documents of an agreement (the signed text as PDF or DOCX): bytes in PostgreSQL with their
 * SHA-256, listed and downloaded by every signed-in user (agreements are not tiered, like the
 * agreement itself), attached and removed by the secretariat, each write audited.
 */
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { AgreementDocument } from '../contracts/agreements';
import { agreementDocuments } from '../db/schema';
import { notFound } from '../domain/errors';
import { type Actor, canManageReference, SYSTEM_ACTOR } from '../domain/policies';
import { iso } from './common';
import type { Ctx } from './context';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { requireAgreement } from './provisions';

const listed = {
  id: agreementDocuments.id,
  agreementId: agreementDocuments.agreementId,
  fileName: agreementDocuments.fileName,
  contentType: agreementDocuments.contentType,
  size: agreementDocuments.size,
  sha256: agreementDocuments.sha256,
  uploadedAt: agreementDocuments.uploadedAt,
  uploadedBy: agreementDocuments.uploadedBy,
};

const present = (r: { uploadedAt: Date } & Omit<AgreementDocument, 'uploadedAt'>): AgreementDocument => ({
  ...r,
  uploadedAt: iso(r.uploadedAt),
});

/** An agreement's documents, oldest first, without their bytes. */
export async function listAgreementDocuments(ctx: Ctx, _actor: Actor, agreementId: string) {
  await requireAgreement(ctx.db, agreementId);
  const rows = await ctx.db
    .select(listed)
    .from(agreementDocuments)
    .where(eq(agreementDocuments.agreementId, agreementId))
    .orderBy(asc(agreementDocuments.uploadedAt), asc(agreementDocuments.id));
  return { data: rows.map(present) };
}

/** The file as sent, already checked by `readUpload`. */
export interface DocumentFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** Refuses (403) a user who may not attach documents, before the upload is read. */
export const mayAttachDocuments = (actor: Actor) =>
  authorize(canManageReference(actor), 'forbidden.agreements');

/** Attaches a document; the checksum is computed here, over the bytes stored. */
export async function uploadAgreementDocument(
  ctx: Ctx,
  actor: Actor,
  agreementId: string,
  file: DocumentFile,
): Promise<AgreementDocument> {
  mayAttachDocuments(actor);
  return mutate(ctx, actor, async (tx, audit) => {
    await requireAgreement(tx, agreementId, true);
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const [r] = await tx
      .insert(agreementDocuments)
      .values({
        agreementId,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
      })
      .returning(listed);
    const out = present(r);
    audit.record({
      action: 'agreement_document.upload',
      entityType: 'agreement_document',
      entityId: r.id,
      after: out,
    });
    return out;
  });
}

/** The document's bytes and name, for a download. */
export async function readAgreementDocument(ctx: Ctx, _actor: Actor, id: string) {
  const [r] = await ctx.db
    .select({ ...listed, content: agreementDocuments.content })
    .from(agreementDocuments)
    .where(eq(agreementDocuments.id, id));
  if (!r) throw notFound('agreementDocument');
  return r;
}

/** Removes a document (the secretariat); its metadata stays in the audit trail. */
export async function deleteAgreementDocument(ctx: Ctx, actor: Actor, id: string) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  await mutate(ctx, actor, async (tx, audit) => {
    const [r] = await tx.delete(agreementDocuments).where(eq(agreementDocuments.id, id)).returning(listed);
    if (!r) throw notFound('agreementDocument');
    audit.record({
      action: 'agreement_document.delete',
      entityType: 'agreement_document',
      entityId: id,
      before: present(r),
    });
  });
}
