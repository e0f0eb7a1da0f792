import { beforeAll, describe, expect, it } from 'vitest';
import { initMorphology } from '../text';
import { FIXTURES } from './__fixtures__/agreements';
import { splitProvisions } from './provision-split';
import { compileVocabularies, suggestSpheres, textLanguage } from './sphere-suggest';
import { DEFAULT_VOCABULARIES } from './sphere-vocabulary';

beforeAll(() => initMorphology());

/** The default vocabularies, with each sphere's code as its id. */
const vocab = () =>
  compileVocabularies(
    Object.entries(DEFAULT_VOCABULARIES).map(([code, keywords]) => ({ sphereId: code, keywords })),
  );

describe('suggestSpheres', () => {
  it('matches Russian keywords in any inflected form', () => {
    const v = vocab();
    const s = suggestSpheres('Модернизация железных дорог и железнодорожных станций на границе', v);
    expect(s[0]).toMatchObject({ sphereId: 'transport' });
    expect(s[0].matched).toEqual(expect.arrayContaining(['железная дорога', 'железнодорожный', 'станция']));
    expect(suggestSpheres('поставки природного газа', v).map((x) => x.sphereId)).toEqual(['energy']);
  });

  it('reads English with English keywords and Kazakh with Kazakh ones', () => {
    const v = vocab();
    expect(textLanguage('We reaffirm our support for the environment')).toBe('en');
    expect(textLanguage('Тараптар көлік дәліздерін дамытады')).toBe('kk');
    expect(suggestSpheres('reduction in emissions of greenhouse gases', v).map((x) => x.sphereId)).toEqual([
      'ecology',
    ]);
    expect(suggestSpheres('Тараптар көлік дәліздерін дамытады.', v).map((x) => x.sphereId)).toEqual([
      'transport',
    ]);
  });

  it('suggests nothing when no keyword occurs', () => {
    expect(suggestSpheres('Настоящий документ вступает в силу с даты подписания.', vocab())).toEqual([]);
  });

  it('finds the spheres labelled on the fixtures well enough (precision and recall)', () => {
    const v = vocab();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lines: string[] = [];
    for (const f of FIXTURES) {
      let ftp = 0;
      let ffp = 0;
      let ffn = 0;
      const found = splitProvisions(f.text).provisions;
      f.expected.forEach((e, i) => {
        const got = new Set(suggestSpheres(found[i].text, v).map((s) => s.sphereId));
        const want = new Set(e.spheres);
        for (const g of got) want.has(g) ? ftp++ : ffp++;
        for (const w of want) if (!got.has(w)) ffn++;
      });
      tp += ftp;
      fp += ffp;
      fn += ffn;
      lines.push(
        `${f.name}: precision ${(ftp / Math.max(ftp + ffp, 1)).toFixed(2)}, recall ${(ftp / Math.max(ftp + ffn, 1)).toFixed(2)}`,
      );
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    lines.push(
      `all fixtures: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${tp} right, ${fp} extra, ${fn} missed)`,
    );
    console.log(lines.join('\n'));
    expect(precision).toBeGreaterThanOrEqual(0.7);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });
});
