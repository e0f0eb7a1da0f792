/** The dry run of an import: the text split into provisions, each with its suggested spheres. */
import { eq } from 'drizzle-orm';
import type { ProvisionImportPreview } from '../../contracts/provision-import';
import { agreements } from '../../db/schema';
import { notFound, ruleViolation } from '../../domain/errors';
import { type Actor, canManageReference } from '../../domain/policies';
import { splitProvisions } from '../../domain/provision-split';
import { compileVocabularies, suggestSpheres, textLanguage } from '../../domain/sphere-suggest';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { allVocabularies } from './keywords';
import { provisionsNumbered } from './write';

/** Importing provisions is the secretariat's: checked before an uploaded file is read. */
export const requireImporter = (actor: Actor) => authorize(canManageReference(actor), 'forbidden.agreements');

/** POST /agreements/{id}/provisions/import?dryRun=true (admin): saves nothing. */
export async function previewImport(
  ctx: Ctx,
  actor: Actor,
  agreementId: string,
  text: string,
): Promise<ProvisionImportPreview> {
  authorize(canManageReference(actor), 'forbidden.agreements');
  const [a] = await ctx.db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  if (!a) throw notFound('agreement');
  const split = splitProvisions(text);
  if (split.provisions.length === 0) throw ruleViolation('text', 'provisionImport.nothing');
  const language = textLanguage(split.provisions.map((p) => p.text).join(' '));
  const vocab = compileVocabularies(await allVocabularies(ctx.db));
  const numbers = split.provisions.map((p) => p.number);
  const existing = await provisionsNumbered(ctx.db, agreementId, numbers);
  const taken = new Set(existing.map((e) => e.number));
  return {
    language,
    provisions: split.provisions.map((p) => {
      const s = suggestSpheres(p.text, vocab, language);
      return { ...p, sphereIds: s.map((x) => x.sphereId), matched: s.map((x) => x.matched) };
    }),
    skipped: split.skipped,
    existing: numbers.filter((n) => taken.has(n)),
  };
}
