/** Commission meetings: agenda, co-chairs, protocol and numbered decisions (issue 9 §5). */
import { z } from 'zod';
import { I18nText, i18nText, IsoDate, LIMITS, PageQuery, Timestamp, Uuid, Version } from './common';

export const DECISION_EFFECTS = ['creates', 'changes', 'closes', 'moves_dates'] as const;

const CoChair = z.strictObject({
  partyId: Uuid,
  name: i18nText(LIMITS.name),
  position: i18nText(LIMITS.name).nullable().optional(),
});
const AgendaItem = z.strictObject({ title: I18nText });
const DecisionLink = z.strictObject({ measureId: Uuid, effect: z.enum(DECISION_EFFECTS) });
const DecisionIn = z.strictObject({
  id: Uuid.optional().describe('an existing decision kept (its links to measures stay its own)'),
  number: z.number().int().min(1).max(1000),
  text: i18nText(LIMITS.longText),
  measures: z
    .array(DecisionLink)
    .max(LIMITS.listItems)
    .refine((a) => new Set(a.map((l) => l.measureId)).size === a.length, 'must not name a measure twice')
    .default([]),
});

const fields = {
  number: z.number().int().min(1).max(10000).describe('26 for «26-е заседание»'),
  date: IsoDate,
  place: I18nText.nullable().optional(),
  coChairs: z
    .array(CoChair)
    .max(4)
    .refine((a) => new Set(a.map((c) => c.partyId)).size === a.length, 'one co-chair per party'),
  roadmapIds: z
    .array(Uuid)
    .max(50)
    .refine((a) => new Set(a).size === a.length, 'must not repeat'),
  agenda: z.array(AgendaItem).max(LIMITS.listItems),
  decisions: z
    .array(DecisionIn)
    .max(LIMITS.listItems)
    .refine((a) => new Set(a.map((d) => d.number)).size === a.length, 'decision numbers must not repeat'),
};

export const MeetingCreate = z.strictObject({
  ...fields,
  coChairs: fields.coChairs.default([]),
  roadmapIds: fields.roadmapIds.default([]),
  agenda: fields.agenda.default([]),
  decisions: fields.decisions.default([]),
});
export const MeetingUpdate = z.strictObject({
  version: Version,
  number: fields.number.optional(),
  date: fields.date.optional(),
  place: fields.place,
  coChairs: fields.coChairs.optional(),
  roadmapIds: fields.roadmapIds.optional(),
  agenda: fields.agenda.optional(),
  decisions: fields.decisions.optional().describe('the whole list: decisions left out are removed'),
});
export const MeetingHold = z.strictObject({ version: Version });

export const Decision = z.object({
  id: Uuid,
  number: z.number().int(),
  text: I18nText,
  measures: z
    .array(z.object({ measureId: Uuid, code: z.string(), title: I18nText, effect: z.enum(DECISION_EFFECTS) }))
    .describe('only the measures the caller may see'),
});

export const Meeting = z.object({
  id: Uuid,
  number: z.number().int(),
  date: IsoDate,
  place: I18nText.nullable(),
  coChairs: z.array(z.object({ partyId: Uuid, name: I18nText, position: I18nText.nullable() })),
  roadmapIds: z.array(Uuid),
  agenda: z.array(z.object({ title: I18nText })),
  decisions: z.array(Decision),
  heldAt: Timestamp.nullable(),
  protocol: z
    .object({ fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() })
    .nullable(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingQuery = PageQuery.extend({ roadmapId: Uuid.optional() });
export const MeetingList = z.object({
  data: z.array(Meeting),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

/** A decision as a measure page lists it. */
export const MeasureDecision = z.object({
  decisionId: Uuid,
  number: z.number().int(),
  text: I18nText,
  effect: z.enum(DECISION_EFFECTS),
  meetingId: Uuid,
  meetingNumber: z.number().int(),
  meetingDate: IsoDate,
});
export const MeasureDecisionList = z.object({ data: z.array(MeasureDecision) });
