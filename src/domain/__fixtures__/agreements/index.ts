/** The agreement-text fixtures of the provision splitter and the sphere suggestions. */
import * as eaeu from './eaeu-treaty';
import * as declaration from './eurasian-integration-declaration';
import * as roadmap from './roadmap-sections';
import * as un from './un-millennium-declaration';

/** A fixture: the text, the provisions a reader finds in it (number, first words, spheres), what is set aside. */
export interface AgreementFixture {
  name: string;
  text: string;
  expected: { number: string; starts: string; spheres: string[] }[];
  skipped: { preamble: number; signature: number };
}

export const FIXTURES: AgreementFixture[] = [
  { name: 'EAEU Treaty (articles)', ...eaeu },
  { name: 'UN Millennium Declaration (numbered, English)', ...un },
  { name: 'Declaration on Eurasian Economic Integration (unnumbered)', ...declaration },
  { name: 'Roadmap with sections', ...roadmap },
];
