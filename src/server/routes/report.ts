/** The commission status report of a roadmap, as PDF and as DOCX. */
import { z } from 'zod';
import { IdParams } from '../../contracts/common';
import { CommissionReportQuery } from '../../contracts/report';
import { CONTENT_TYPES, contentDisposition } from '../../domain/files';
import { commissionReport } from '../../services/report';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const routes: RouteModule = (app, { ctx }) => {
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/roadmaps/:id/report.${format}`,
      {
        schema: {
          tags: ['roadmaps'],
          operationId: format === 'pdf' ? 'getRoadmapReportPdf' : 'getRoadmapReportDocx',
          summary:
            format === 'pdf'
              ? 'The commission status report as PDF: summary, charts, overdue, at-risk and disputed measures, changes since a day, measures by sphere (what the caller may see)'
              : 'The commission status report as an editable DOCX with Word headings, tables and page numbers (the same contents as the PDF)',
          params: IdParams,
          querystring: CommissionReportQuery,
          response: {
            200: z.string().describe(`the ${format.toUpperCase()} file (${CONTENT_TYPES[format]})`),
            400: ERRORS[400],
            401: ERRORS[401],
            404: ERRORS[404],
          },
        },
      },
      async (req, reply) => {
        const file = await commissionReport(ctx, requireActor(req), req.params.id, req.query, format);
        return (
          reply
            .type(CONTENT_TYPES[format])
            .header('content-disposition', contentDisposition(file.fileName))
            .header('cache-control', 'private, no-store')
            // bytes go out as they are: Fastify serialises objects only, never a Buffer
            .send(file.body as unknown as string)
        );
      },
    );
  }
};

export default routes;
