/** A meeting's protocol: one PDF or DOCX, stored with its SHA-256; everyone signed in may download it. */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Meeting } from '../../contracts/meetings';
import { commissionMeetings } from '../../db/schema';
import { notFound } from '../../domain/errors';
import { canManageMeetings } from '../../domain/meeting-policies';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { loadMeeting } from './present';

export interface ProtocolFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export async function attachProtocol(
  ctx: Ctx,
  actor: Actor,
  id: string,
  file: ProtocolFile,
): Promise<Meeting> {
  authorize(canManageMeetings(actor), 'forbidden.meetings');
  return mutate(ctx, actor, async (tx, audit) => {
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const [r] = await tx
      .update(commissionMeetings)
      .set({
        protocolName: file.fileName,
        protocolType: file.contentType,
        protocolSize: file.data.length,
        protocolSha256: sha256,
        protocolContent: file.data,
        version: sql`${commissionMeetings.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(commissionMeetings.id, id))
      .returning({ id: commissionMeetings.id });
    if (!r) throw notFound('meeting');
    audit.record({
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      after: { protocol: { fileName: file.fileName, size: file.data.length, sha256 } },
    });
    return loadMeeting(tx, actor, id);
  });
}

export async function readProtocol(ctx: Ctx, _actor: Actor, id: string): Promise<ProtocolFile> {
  const [r] = await ctx.db
    .select({
      name: commissionMeetings.protocolName,
      type: commissionMeetings.protocolType,
      data: commissionMeetings.protocolContent,
    })
    .from(commissionMeetings)
    .where(eq(commissionMeetings.id, id));
  if (!r) throw notFound('meeting');
  if (!r.name || !r.data) throw notFound('protocol');
  return { fileName: r.name, contentType: r.type ?? 'application/octet-stream', data: r.data };
}
