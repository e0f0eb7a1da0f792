/** `accord import-roadmap FILE --roadmap ID`: the roadmap import of the API, on the command line. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { isOleContainer, sniffKind } from '../../domain/files';
import { IMPORT_LIMITS } from '../../domain/import/grid';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { importRoadmap } from '../../services/imports';
import { setExitCode } from '../io';
import { printJson, say, warn, withSystem } from './common';

const uploadError = (
  code: 'validation_failed' | 'unsupported_media_type' | 'payload_too_large',
  rule: Parameters<typeof detail>[1],
  params?: Parameters<typeof detail>[2],
) => new AppError(code, msg('error.upload'), [detail('file', rule, params)]);

/** The file's bytes and kind, refused exactly as an upload is. */
async function readImportFile(file: string) {
  const size = (await stat(file)).size;
  if (size > IMPORT_LIMITS.xlsxBytes) throw uploadError('payload_too_large', 'upload.tooLarge', { mb: 20 });
  const data = await readFile(file);
  if (data.length === 0) throw uploadError('validation_failed', 'upload.empty');
  if (isOleContainer(data)) throw uploadError('unsupported_media_type', 'upload.encrypted');
  const found = sniffKind(data, file);
  const kind = found === 'txt' ? 'csv' : found;
  if (kind !== 'xlsx' && kind !== 'csv' && kind !== 'docx')
    throw uploadError('unsupported_media_type', found ? 'upload.type' : 'upload.unknownType', {
      found: (found ?? '').toUpperCase(),
      allowed: 'XLSX, CSV, DOCX',
    });
  if (kind === 'docx' && data.length > IMPORT_LIMITS.docxBytes)
    throw uploadError('payload_too_large', 'upload.tooLarge', { mb: 10 });
  return { fileName: path.basename(file), kind, data } as const;
}

/** Registers `accord import-roadmap`. */
export function registerImportRoadmap(program: Command): void {
  program
    .command('import-roadmap')
    .description(
      'Import measures into a roadmap from an XLSX, CSV or DOCX table (as POST /roadmaps/{id}/import): ' +
        'all or nothing, audited as the system; --dry-run checks and previews only',
    )
    .argument('<file>', 'the XLSX, CSV or DOCX file')
    .requiredOption('--roadmap <id>', 'the roadmap to import into')
    .option('--dry-run', 'check the file and show what would change, without saving')
    .option('--mapping <file>', 'a JSON file: column header → field (over the saved mapping)')
    .option('--sheet <name>', 'XLSX: the sheet (name or number); DOCX: the table number')
    .option('--create-organisations', 'create organisations that no name matches')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        opts: {
          roadmap: string;
          dryRun?: boolean;
          mapping?: string;
          sheet?: string;
          createOrganisations?: boolean;
          json?: boolean;
        },
      ) => {
        const upload = await readImportFile(file);
        let mapping: Record<string, string | null> | undefined;
        if (opts.mapping) {
          try {
            mapping = JSON.parse(await readFile(opts.mapping, 'utf8'));
          } catch {
            throw new AppError('validation_failed', msg('error.import'), [
              detail('mapping', 'import.mapping'),
            ]);
          }
        }
        const r = await withSystem(({ ctx }) =>
          importRoadmap(ctx, SYSTEM_ACTOR, opts.roadmap, upload, {
            dryRun: !!opts.dryRun,
            createOrganisations: !!opts.createOrganisations,
            mapping,
            choice: opts.sheet,
            locale: 'en',
          }),
        );
        if (r.errors.length) setExitCode(1);
        if (opts.json) return printJson(r);
        say(
          `${r.dryRun ? 'dry run: would create' : 'created'} ${r.create}, ${r.dryRun ? 'update' : 'updated'} ${r.update}, unchanged ${r.unchanged}` +
            (r.createdOrganisations ? `, ${r.createdOrganisations} organisations created` : ''),
        );
        for (const e of r.errors) warn(`row ${e.row}, ${e.column}: ${e.message}`);
        for (const u of r.unmatchedOrganisations)
          warn(
            `unmatched organisation «${u.name}» (rows ${u.rows.join(', ')})${u.suggestions.length ? `; did you mean ${u.suggestions.map((s) => `«${s.name}»`).join(', ')}?` : ''}`,
          );
      },
    );
}
