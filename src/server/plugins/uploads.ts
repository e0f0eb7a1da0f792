/**
 * File uploads: @fastify/multipart registered once, and `readUpload`, the one way a route
 * reads an uploaded file. It streams the file with a per-route byte limit (never more than
 * that in memory), judges the file's kind by its content (`sniffKind`), and answers every
 * problem in the error format: no file, too large, empty, the wrong kind, a protected
 * Office file, more than one file.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { CONTENT_TYPES, cleanFileName, type FileKind, isOleContainer, sniffKind } from '../../domain/files';

/** The most a form field beside the file may hold (a mapping, a sheet name, pasted text). */
const FIELD_BYTES = 1024 * 1024;

/** Registers the multipart parser; routes choose their own file size limits in `readUpload`. */
export async function registerUploads(app: FastifyInstance) {
  await app.register(fastifyMultipart, {
    limits: { fieldSize: FIELD_BYTES, fields: 20, files: 1, parts: 21, headerPairs: 100 },
  });
}

/** An uploaded file, read and checked. */
export interface Upload {
  fileName: string;
  kind: FileKind;
  contentType: string;
  data: Buffer;
  /** The text fields sent beside the file. */
  fields: Record<string, string>;
}

export interface UploadRules {
  /** The kinds the route accepts. */
  kinds: readonly FileKind[];
  maxBytes: number;
  /** The multipart field of the file (default `file`). */
  field?: string;
  /** When true, a request with fields but no file answers with the fields and no file. */
  optional?: boolean;
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', msg('error.bodyTooLarge'), [
    detail('file', 'upload.tooLarge', { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 }),
  ]);

/** Reads the one file of a multipart request under `rules`; throws the error a user should read. */
export async function readUpload(
  req: FastifyRequest,
  rules: UploadRules & { optional: true },
): Promise<Upload | { fields: Record<string, string> }>;
export async function readUpload(req: FastifyRequest, rules: UploadRules): Promise<Upload>;
export async function readUpload(req: FastifyRequest, rules: UploadRules) {
  const field = rules.field ?? 'file';
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', msg('error.upload'), [detail('', 'upload.multipart')]);
  const fields: Record<string, string> = {};
  let file: { fileName: string; data: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: rules.maxBytes } })) {
      if (part.type === 'field') {
        if (part.valueTruncated)
          throw new AppError('validation_failed', msg('error.upload'), [
            detail(part.fieldname, 'upload.fieldTooLarge', { field: part.fieldname }),
          ]);
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (part.fieldname !== field || file) {
        part.file.resume();
        throw new AppError('validation_failed', msg('error.upload'), [
          detail(part.fieldname, part.fieldname === field ? 'upload.tooManyFiles' : 'field.unknown'),
        ]);
      }
      const data = await part.toBuffer();
      file = { fileName: cleanFileName(part.filename ?? '', 'file'), data };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(rules.maxBytes);
    if (code === 'FST_FILES_LIMIT')
      throw new AppError('validation_failed', msg('error.upload'), [detail(field, 'upload.tooManyFiles')]);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError('validation_failed', msg('error.upload'), [detail('', 'upload.tooManyFiles')]);
    throw new AppError('validation_failed', msg('error.upload'), [detail('', 'upload.multipart')]);
  }
  if (!file) {
    if (rules.optional) return { fields };
    throw new AppError('validation_failed', msg('error.upload'), [
      detail(field, 'upload.missing', { field }),
    ]);
  }
  if (file.data.length === 0)
    throw new AppError('validation_failed', msg('error.upload'), [detail(field, 'upload.empty')]);
  const allowed = rules.kinds.join(', ').toUpperCase();
  if (isOleContainer(file.data))
    throw new AppError('unsupported_media_type', msg('error.upload'), [detail(field, 'upload.encrypted')]);
  const kind = sniffKind(file.data, file.fileName);
  if (!kind)
    throw new AppError('unsupported_media_type', msg('error.upload'), [
      detail(field, 'upload.unknownType', { allowed }),
    ]);
  // A CSV without the .csv name is still a CSV where text is expected as one.
  const accepted: FileKind | null = rules.kinds.includes(kind)
    ? kind
    : kind === 'txt' && rules.kinds.includes('csv')
      ? 'csv'
      : null;
  if (!accepted)
    throw new AppError('unsupported_media_type', msg('error.upload'), [
      detail(field, 'upload.type', { found: kind.toUpperCase(), allowed }),
    ]);
  return {
    fileName: file.fileName,
    kind: accepted,
    contentType: CONTENT_TYPES[accepted],
    data: file.data,
    fields,
  } satisfies Upload;
}
