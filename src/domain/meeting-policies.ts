/**
 * Commission meetings (issue 9 §5): the secretariat writes them, everyone signed in reads
 * them; a decision's links to internal measures show only to those who may see the measure.
 */
import type { I18nText } from '../contracts/common';
import { isAdmin } from './policies';
import type { Actor } from './policies';

export const canManageMeetings = (a: Actor) => isAdmin(a);

/** The name of the baseline a meeting's holding freezes: «26-е заседание комиссии». */
export function meetingBaselineName(n: number): I18nText {
  const en =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return {
    ru: `${n}-е заседание комиссии`,
    kk: `Комиссияның ${n}-отырысы`,
    en: `${n}${en} commission meeting`,
  };
}
