import { describe, expect, it } from 'vitest';
import { ProvisionNumber } from '../contracts/agreements';
import { FIXTURES } from './__fixtures__/agreements';
import { letterSuffix, splitProvisions } from './provision-split';

describe('splitProvisions on real layouts', () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: count, numbers and boundaries', (_name, f) => {
    const r = splitProvisions(f.text);
    expect(r.provisions.map((p) => p.number)).toEqual(f.expected.map((e) => e.number));
    r.provisions.forEach((p, i) => {
      expect(p.text.startsWith(f.expected[i].starts), `${p.number}: ${p.text.slice(0, 60)}`).toBe(true);
      // a provision ends where the next begins: no other provision's first words inside it
      for (const other of f.expected) if (other !== f.expected[i]) expect(p.text).not.toContain(other.starts);
      expect(ProvisionNumber.safeParse(p.number).success, p.number).toBe(true);
    });
    const count = (k: string) => r.skipped.filter((s) => s.kind === k).length;
    expect(count('preamble')).toBe(f.skipped.preamble);
    expect(count('signature')).toBe(f.skipped.signature);
  });

  it('keeps the text of an article whose clauses are an unnumbered enumeration', () => {
    const eaeu = splitProvisions(FIXTURES[0].text);
    const art3 = eaeu.provisions.find((p) => p.number === '3')!;
    expect(art3.heading).toBe('Основные принципы функционирования Союза');
    expect(art3.text).toContain('функционирование таможенного союза без изъятий');
  });
});

describe('splitProvisions on the markers of each language', () => {
  it('reads Kazakh articles («1-бап») and signature lines', () => {
    const r = splitProvisions(
      [
        'Тараптар төмендегілер туралы келісті:',
        '1-бап. Мақсаттар',
        '1. Тараптар сауда-экономикалық ынтымақтастықты дамытады.',
        '2. Тараптар көлік дәліздерін дамытады.',
        '2-бап',
        'Осы Келісім қол қойылған күнінен бастап күшіне енеді.',
        'Астана қаласында 2025 жылғы 12 қарашада екі данада жасалды.',
        'Қазақстан Республикасы үшін',
        'Ресей Федерациясы үшін',
      ].join('\n'),
    );
    expect(r.provisions.map((p) => [p.number, p.text])).toEqual([
      ['1.1', 'Тараптар сауда-экономикалық ынтымақтастықты дамытады.'],
      ['1.2', 'Тараптар көлік дәліздерін дамытады.'],
      ['2', 'Осы Келісім қол қойылған күнінен бастап күшіне енеді.'],
    ]);
    expect(r.skipped.filter((s) => s.kind === 'signature')).toHaveLength(3);
  });

  it('reads English articles, clauses in parentheses and lettered items', () => {
    const r = splitProvisions(
      [
        'Article 1',
        'Purposes',
        '1) The Parties shall cooperate in trade.',
        '2) The Parties shall:',
        'a) exchange information;',
        'b) hold consultations.',
        'Article 2',
        'This Agreement enters into force on signature.',
        'Done at Astana on 12 November 2025 in two copies.',
        'For the Republic of Kazakhstan',
      ].join('\n'),
    );
    expect(r.provisions.map((p) => p.number)).toEqual(['1.1', '1.2', '1.2a', '1.2b', '2']);
    expect(r.provisions[0].heading).toBe('Purposes');
  });

  it('numbers Cyrillic items in alphabet order as Latin letters', () => {
    expect(['а', 'б', 'в', 'г', 'к'].map(letterSuffix)).toEqual(['a', 'b', 'c', 'd', 'j']);
    const r = splitProvisions(
      '1. Стороны:\nа) обмениваются информацией;\nб) проводят консультации.\n2. Иное.',
    );
    expect(r.provisions.map((p) => p.number)).toEqual(['1', '1a', '1b', '2']);
  });

  it('joins lines wrapped inside a paragraph when paragraphs are set off by blank lines', () => {
    const r = splitProvisions(
      'Стороны согласились о нижеследующем:\n\n1. Стороны развивают\nсотрудничество в торговле.\n\n2. Стороны\nобмениваются опытом.\n',
    );
    expect(r.provisions.map((p) => p.text)).toEqual([
      'Стороны развивают сотрудничество в торговле.',
      'Стороны обмениваются опытом.',
    ]);
  });

  it('answers nothing for an empty text', () => {
    expect(splitProvisions('  \n \n')).toEqual({ provisions: [], skipped: [] });
  });
});
