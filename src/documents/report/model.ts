/**
 * What the commission status report shows, gathered by services/report in the caller's view
 * and rendered by pdf.ts and docx.ts: the two formats read the same facts, so a PDF and a
 * DOCX of the same request say the same thing.
 */
import type { I18nText } from '../../contracts/common';
import type { Locale, MeasureStatus, RoadmapStatus } from '../../contracts/enums';
import type { RoadmapSummary } from '../../contracts/roadmaps';

/** A named thing the report refers to (party, sphere, organisation). */
export interface Named {
  id: string;
  code?: string;
  name: I18nText;
  shortName?: I18nText | null;
}

/** A party's latest approved report on a measure. */
export interface ReportedProgress {
  partyId: string;
  progress: number;
  status: MeasureStatus;
  periodCode: string;
}

/** One measure as the report's tables show it. */
export interface ReportMeasure {
  id: string;
  code: string;
  depth: number;
  title: I18nText;
  dueDate: string;
  status: MeasureStatus;
  progress: number;
  /** Internal measures are marked in the tables: the secretariat sees both parties' own plans. */
  tier: 'public' | 'shared' | 'internal';
  ownerPartyId: string | null;
  /** Counts towards the summary's units of work (no counted children). */
  leaf: boolean;
  overdue: boolean;
  atRisk: boolean;
  /** The latest joint status of the measure is disputed. */
  disputed: boolean;
  sphereIds: string[];
  /** Responsible bodies, lead first, each with its party. */
  responsible: { organisationId: string; partyId: string; role: 'lead' | 'co_executor' }[];
  reported: ReportedProgress[];
}

/** A measure named in the list of changes. */
export interface ChangedMeasure {
  id: string;
  code: string;
  title: I18nText;
}

/** What changed in the roadmap between `since` and `asOf`, as the caller may see it. */
export interface MeasureChanges {
  since: string;
  asOf: string;
  created: ChangedMeasure[];
  removed: ChangedMeasure[];
  /** Measures whose fields changed (created or removed ones not repeated), with the fields. */
  changed: (ChangedMeasure & { fields: string[] })[];
  /** Status changes: the status at `since` and at `asOf` where they differ. */
  statusChanges: (ChangedMeasure & { from: MeasureStatus; to: MeasureStatus })[];
}

/** Everything the report prints. */
export interface ReportData {
  locale: Locale;
  asOf: string;
  /** When the document was produced (ISO date-time). */
  generatedAt: string;
  roadmap: { id: string; title: I18nText; description: I18nText | null; status: RoadmapStatus };
  agreements: { id: string; title: I18nText; signedOn: string | null; signedPlace: I18nText | null }[];
  parties: Named[];
  spheres: Named[];
  organisations: Map<string, Named & { partyId: string }>;
  summary: RoadmapSummary;
  /** Every visible measure of the roadmap, in code order. */
  measures: ReportMeasure[];
  changes: MeasureChanges | null;
}

/** A multilingual text in `locale`, falling back to Russian, then any language given. */
export function tr(text: I18nText | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.ru || text.kk || text.en || '';
}
