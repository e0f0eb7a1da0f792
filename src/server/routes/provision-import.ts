/** Agreement text → provisions: the import (dry run and save) and the spheres' keyword vocabularies. */
import { z } from 'zod';
import { IdParams } from '../../contracts/common';
import {
  IMPORT_MAX_BYTES,
  ProvisionImportBody,
  ProvisionImportPreview,
  ProvisionImportQuery,
  ProvisionImportSaved,
  SphereKeywords,
  SphereKeywordsUpdate,
} from '../../contracts/provision-import';
import { invalid } from '../../domain/errors';
import * as svc from '../../services/provision-import';
import { requireActor } from '../plugins/auth';
import { readUpload } from '../plugins/uploads';
import { ERRORS, type RouteModule } from '../types';

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/spheres/:id/keywords',
    {
      schema: {
        tags: ['reference'],
        operationId: 'getSphereKeywords',
        summary: "A sphere's keywords per language, which suggest it for a provision's text",
        params: IdParams,
        response: { 200: SphereKeywords, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.getSphereKeywords(ctx, requireActor(req), req.params.id),
  );
  app.put(
    '/spheres/:id/keywords',
    {
      schema: {
        tags: ['reference'],
        operationId: 'putSphereKeywords',
        summary: "Replace a sphere's keywords (admin; send the version you read once there is one); audited",
        params: IdParams,
        body: SphereKeywordsUpdate,
        response: { 200: SphereKeywords, ...ERRORS },
      },
    },
    async (req) => svc.putSphereKeywords(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/agreements/:id/provisions/import',
    {
      schema: {
        tags: ['agreements'],
        operationId: 'importAgreementProvisions',
        summary:
          'Split an agreement text (JSON `text`, or a TXT or DOCX file as multipart `file`) into provisions with suggested spheres (dryRun=true), or save the reviewed list (dryRun=false, JSON `provisions`), all or nothing (admin)',
        params: IdParams,
        querystring: ProvisionImportQuery,
        body: ProvisionImportBody,
        response: {
          200: z.union([ProvisionImportPreview, ProvisionImportSaved]),
          ...ERRORS,
          413: ERRORS[400].describe('the file is larger than the limit'),
          415: ERRORS[400].describe('not a TXT or DOCX file'),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const id = req.params.id;
      if (req.isMultipart()) {
        svc.requireImporter(actor);
        if (!req.query.dryRun) throw invalid('file', 'provisionImport.source');
        const up = await readUpload(req, { kinds: ['txt', 'docx'], maxBytes: IMPORT_MAX_BYTES });
        return svc.previewImport(ctx, actor, id, await svc.uploadedText(up.kind, up.data));
      }
      const body = req.body;
      if (req.query.dryRun) {
        if (body?.text === undefined || body.provisions) throw invalid('text', 'provisionImport.source');
        return svc.previewImport(ctx, actor, id, body.text);
      }
      if (!body?.provisions || body.text !== undefined) throw invalid('provisions', 'provisionImport.source');
      return svc.saveImport(ctx, actor, id, { provisions: body.provisions, replace: body.replace });
    },
  );
};

export default routes;
