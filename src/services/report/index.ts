/**
 * The commission status report of a roadmap as a file: the facts gathered in the caller's
 * view (gather.ts), laid out once (documents/report/content.ts) and rendered as PDF or DOCX.
 */
import type { CommissionReportQuery } from '../../contracts/report';
import { buildContent } from '../../documents/report/content';
import { renderDocx } from '../../documents/report/docx';
import { renderPdf } from '../../documents/report/pdf';
import { rt } from '../../documents/report/text';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { userLocale } from '../locale';
import { gatherReport } from './gather';

export { changesSince } from './changes';
export { gatherReport } from './gather';

/** A rendered report and the name it downloads as. */
export interface ReportFile {
  body: Buffer;
  fileName: string;
}

/** The report of `roadmapId` as `format`, in the asked language or else the user's. */
export async function commissionReport(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  q: CommissionReportQuery,
  format: 'pdf' | 'docx',
): Promise<ReportFile> {
  const locale = q.locale ?? (await userLocale(ctx, actor.userId)) ?? 'ru';
  const data = await gatherReport(ctx, actor, roadmapId, { asOf: q.asOf, since: q.since, locale });
  const content = buildContent(data, actor.label);
  const body = format === 'pdf' ? await renderPdf(content) : await renderDocx(content);
  return { body, fileName: `${rt(locale, 'title')} ${data.asOf}.${format}` };
}
