/** Agreements and their numbered provisions: every user reads them, admins change them. */

import { z } from 'zod';
import {
  Agreement,
  AgreementCreate,
  AgreementDocument,
  AgreementQuery,
  AgreementUpdate,
  Provision,
  ProvisionCreate,
  ProvisionOrder,
  ProvisionUpdate,
} from '../../contracts/agreements';
import { ErrorBody, IdParams, PageQuery } from '../../contracts/common';
import { contentDisposition } from '../../domain/files';
import * as documentsSvc from '../../services/agreement-documents';
import { reorderProvisions } from '../../services/provision-order';
import { readUpload } from '../plugins/uploads';
import * as agreementsSvc from '../../services/agreements';
import * as provisionsSvc from '../../services/provisions';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';
import { crudRoutes, itemRoutes, pageSchema } from './crud';

const tags = ['provisions'];

const routes: RouteModule = (app, { ctx }) => {
  crudRoutes(app, ctx, {
    path: '/agreements',
    tag: 'agreements',
    noun: 'agreement',
    item: Agreement,
    query: AgreementQuery,
    create: AgreementCreate,
    update: AgreementUpdate,
    list: agreementsSvc.findAgreements,
    get: agreementsSvc.getAgreement,
    add: agreementsSvc.createAgreement,
    change: agreementsSvc.updateAgreement,
    remove: agreementsSvc.deleteAgreement,
  });

  app.get(
    '/agreements/:id/provisions',
    {
      schema: {
        tags,
        operationId: 'listProvisions',
        summary: "An agreement's provisions in reading order (position, then clause number)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageSchema(Provision), 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => provisionsSvc.listProvisions(ctx, requireActor(req), req.params.id, req.query),
  );
  app.post(
    '/agreements/:id/provisions',
    {
      schema: {
        tags,
        operationId: 'createProvision',
        summary: 'Add a provision (without a position it goes after the last one)',
        params: IdParams,
        body: ProvisionCreate,
        response: { 201: Provision, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await provisionsSvc.createProvision(ctx, requireActor(req), req.params.id, req.body)),
  );
  itemRoutes(app, ctx, {
    path: '/provisions',
    tag: 'provisions',
    noun: 'provision',
    item: Provision,
    update: ProvisionUpdate,
    get: provisionsSvc.getProvision,
    change: provisionsSvc.updateProvision,
    remove: provisionsSvc.deleteProvision,
    summaries: { remove: 'Delete a provision no measure implements' },
  });

  app.post(
    '/agreements/:id/provisions/order',
    {
      schema: {
        tags,
        operationId: 'reorderProvisions',
        summary: "Set the reading order of an agreement's provisions (every id, once, in the new order)",
        params: IdParams,
        body: ProvisionOrder,
        response: { 200: z.object({ data: z.array(Provision) }), ...ERRORS },
      },
    },
    async (req) => reorderProvisions(ctx, requireActor(req), req.params.id, req.body),
  );

  const docTags = ['agreements'];
  app.get(
    '/agreements/:id/documents',
    {
      schema: {
        tags: docTags,
        operationId: 'listAgreementDocuments',
        summary: "An agreement's documents (the signed text), without their bytes",
        params: IdParams,
        response: {
          200: z.object({ data: z.array(AgreementDocument) }),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
        },
      },
    },
    async (req) => documentsSvc.listAgreementDocuments(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/agreements/:id/documents',
    {
      schema: {
        tags: docTags,
        operationId: 'uploadAgreementDocument',
        summary:
          'Attach a document (multipart field `file`: PDF or DOCX up to 20 MB), stored with its SHA-256',
        params: IdParams,
        consumes: ['multipart/form-data'],
        // documents the form only; readUpload reads and checks the stream itself
        body: z.unknown().describe('multipart/form-data: the field `file` (PDF or DOCX, at most 20 MB)'),
        response: {
          201: AgreementDocument,
          ...ERRORS,
          413: ErrorBody.describe('the file is larger than 20 MB'),
          415: ErrorBody.describe('not a PDF or DOCX file, or a protected one'),
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // refuse before reading 20 MB from someone who may not attach anything
      documentsSvc.mayAttachDocuments(actor);
      const file = await readUpload(req, { kinds: ['pdf', 'docx'], maxBytes: DOCUMENT_BYTES });
      return reply
        .code(201)
        .send(await documentsSvc.uploadAgreementDocument(ctx, actor, req.params.id, file));
    },
  );
  app.get(
    '/agreement-documents/:id',
    {
      schema: {
        tags: docTags,
        operationId: 'downloadAgreementDocument',
        summary: 'Download a document of an agreement (its bytes, with its SHA-256 in `Digest`)',
        params: IdParams,
        response: {
          200: z.unknown().describe('the file (application/pdf or the DOCX type)'),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
        },
      },
    },
    async (req, reply) => {
      const d = await documentsSvc.readAgreementDocument(ctx, requireActor(req), req.params.id);
      return reply
        .header('content-type', d.contentType)
        .header('content-disposition', contentDisposition(d.fileName))
        .header('digest', `sha-256=${Buffer.from(d.sha256, 'hex').toString('base64')}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(d.content);
    },
  );
  app.delete(
    '/agreement-documents/:id',
    {
      schema: {
        tags: docTags,
        operationId: 'deleteAgreementDocument',
        summary: 'Remove a document from an agreement (administrators)',
        params: IdParams,
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await documentsSvc.deleteAgreementDocument(ctx, requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};

const DOCUMENT_BYTES = 20 * 1024 * 1024;

export default routes;
