/**
 * Search quality over the demo roadmap: recall and precision of the measure search on the query
 * set in quality-set.ts (Russian, Kazakh, English), against the real PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { loadDemo } from '../../seed/demo';
import { matchingOrganisations, measureSearchCondition } from './conditions';
import { searchEverything } from './everything';
import { QUALITY_SET, type QualityCase } from './quality-set';

interface DemoMeasure {
  code: string;
  lead?: string[];
  coExecutors?: string[];
}

/** Measures each body carries out (lead or co-executor), from the demo file itself. */
function measuresByBody(): Map<string, Set<string>> {
  const file = path.resolve(import.meta.dirname, '../../../data/demo/roadmap.json');
  const roadmap = JSON.parse(readFileSync(file, 'utf8')) as { measures: DemoMeasure[] };
  const out = new Map<string, Set<string>>();
  for (const m of roadmap.measures)
    for (const body of [...(m.lead ?? []), ...(m.coExecutors ?? [])]) {
      const set = out.get(body) ?? new Set<string>();
      set.add(m.code);
      out.set(body, set);
    }
  return out;
}

function relevance(c: QualityCase, byBody: Map<string, Set<string>>) {
  const ofBodies = (c.bodies ?? []).flatMap((b) => [...(byBody.get(b) ?? [])]);
  const expected = new Set([...c.expect, ...(c.byBody ? ofBodies : [])]);
  const relevant = new Set([...expected, ...(c.also ?? []), ...ofBodies]);
  return { expected, relevant };
}

describe('search quality on the demo data', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.ctx, SYSTEM_ACTOR);
  });
  afterAll(() => t.close());

  const find = async (q: string) =>
    (
      await t.db
        .select({ code: measures.code })
        .from(measures)
        .where(measureSearchCondition(q, await matchingOrganisations(t.db, q)))
    ).map((r) => r.code);

  it('has at least 60 queries in Russian and Kazakh, and some in English', () => {
    expect(QUALITY_SET.length).toBeGreaterThanOrEqual(60);
    expect(QUALITY_SET.filter((c) => c.lang === 'kk').length).toBeGreaterThanOrEqual(20);
    expect(QUALITY_SET.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(5);
  });

  it('finds ≥ 95 % of the expected measures with ≥ 80 % precision', async () => {
    const byBody = measuresByBody();
    let expectedTotal = 0;
    let expectedFound = 0;
    let foundTotal = 0;
    let foundRelevant = 0;
    // Topic queries only: the share of hits relevant by their own text, bodies aside.
    let foundOwnText = 0;
    let topicFound = 0;
    const perLang = new Map<string, { e: number; ef: number; f: number; fr: number }>();
    const problems: string[] = [];
    for (const c of QUALITY_SET) {
      const { expected, relevant } = relevance(c, byBody);
      const found = new Set(await find(c.q));
      const hit = [...expected].filter((x) => found.has(x));
      const right = [...found].filter((x) => relevant.has(x));
      expectedTotal += expected.size;
      expectedFound += hit.length;
      foundTotal += found.size;
      foundRelevant += right.length;
      if (!c.byBody) {
        topicFound += found.size;
        foundOwnText += [...found].filter((x) => c.expect.includes(x) || (c.also ?? []).includes(x)).length;
      }
      const l = perLang.get(c.lang) ?? { e: 0, ef: 0, f: 0, fr: 0 };
      l.e += expected.size;
      l.ef += hit.length;
      l.f += found.size;
      l.fr += right.length;
      perLang.set(c.lang, l);
      const missed = [...expected].filter((x) => !found.has(x));
      const wrong = [...found].filter((x) => !relevant.has(x));
      if (missed.length || wrong.length)
        problems.push(`«${c.q}»: missed [${missed.join(', ')}], not relevant [${wrong.join(', ')}]`);
    }
    const recall = expectedFound / expectedTotal;
    const precision = foundRelevant / foundTotal;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const lines = [
      `search quality: ${QUALITY_SET.length} queries, ${expectedTotal} expected hits, ${foundTotal} found`,
      `  recall ${pct(recall)}, precision ${pct(precision)} (topic queries, own text only: ${pct(foundOwnText / topicFound)})`,
      ...[...perLang].map(
        ([lang, l]) => `  ${lang}: recall ${pct(l.ef / l.e)}, precision ${pct(l.fr / l.f)}`,
      ),
      ...problems.map((p) => `  ${p}`),
    ];
    console.log(lines.join('\n'));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.8);
  });

  it('ranks an exact code first, then its descendants, and never matches a code by its digits', async () => {
    const codes = async (q: string) =>
      (await searchEverything(t.ctx, SYSTEM_ACTOR, { q, limit: 20 })).measures.map((m) => m.code);
    expect(await codes('4.3.1')).toEqual(['4.3.1']);
    expect(await find('4.3.1')).not.toContain('4.1.3');
    expect(await codes('4.3')).toEqual(['4.3', '4.3.1', '4.3.2', '4.3.3', '4.3.RU1']);
    expect(await codes('2.3.1')).toEqual(['2.3.1']);
    // a party's series is a code like any other: exact first, its own children after it
    expect(await codes('3.KZ1')).toEqual(['3.KZ1', '3.KZ1.1', '3.KZ1.2']);
    expect(await codes('4.3.')).toEqual(['4.3', '4.3.1', '4.3.2', '4.3.3', '4.3.RU1']);
  });

  it('ranks measures that say the words above those found through a responsible body', async () => {
    const codes = (
      await searchEverything(t.ctx, SYSTEM_ACTOR, { q: 'железная дорога', limit: 20 })
    ).measures.map((m) => m.code);
    const firstBodyOnly = codes.indexOf('4.1.2');
    expect(firstBodyOnly).toBeGreaterThan(-1);
    for (const own of ['4.3', '4.3.1', '4.3.2', '4.3.3'])
      expect(codes.indexOf(own)).toBeLessThan(firstBodyOnly);
  });
});
