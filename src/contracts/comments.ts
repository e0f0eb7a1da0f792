/** Comments on measures and reports (issue 8 §6): the contract of their routes. */
import { z } from 'zod';
import { cleanText, I18nText, PageQuery, Timestamp, Uuid, Version } from './common';

/** `shared`: both parties read it; `internal`: the author's party (and admins) only. */
export const COMMENT_VISIBILITIES = ['shared', 'internal'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

/** What a comment is about. */
export const COMMENT_TARGETS = ['measure', 'report'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGETS)[number];

export const COMMENT_LIMITS = { text: 5000, mentions: 20 } as const;

const Mentions = z
  .array(Uuid)
  .max(COMMENT_LIMITS.mentions)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a person')
  .describe('the people the text mentions (@Name in the text); each must be able to read the comment');

const Body = cleanText(z.string().trim().min(1, 'is required').max(COMMENT_LIMITS.text)).describe(
  'plain text (no Markdown); links are shown as links',
);

export const CommentCreate = z.strictObject({
  text: Body,
  visibility: z
    .enum(COMMENT_VISIBILITIES)
    .default('shared')
    .describe('forced to internal on an internal measure or a report the other party cannot read'),
  parentId: Uuid.nullable()
    .optional()
    .describe('the top-level comment this one replies to; a reply to a reply is refused'),
  mentions: Mentions.default([]),
});

export const CommentUpdate = z.strictObject({
  version: Version,
  text: Body,
  mentions: Mentions.optional(),
});

export const CommentDeleteQuery = z.object({
  version: z.coerce
    .number()
    .pipe(Version)
    .optional()
    .describe('the version you read; a stale one answers 409'),
});

export const CommentPerson = z.object({ id: Uuid, name: z.string() });

export const Comment = z.object({
  id: Uuid,
  target: z.object({ kind: z.enum(COMMENT_TARGETS), id: Uuid }),
  parentId: Uuid.nullable(),
  author: CommentPerson.extend({
    organisationId: Uuid.nullable(),
    partyId: Uuid.nullable(),
  }),
  visibility: z.enum(COMMENT_VISIBILITIES),
  partyId: Uuid.nullable().describe('the party an internal comment belongs to'),
  text: z.string().describe('empty once deleted'),
  mentions: z.array(CommentPerson),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  deleted: z.boolean().describe('a deleted comment is kept (without its text) while replies hang on it'),
  version: Version,
});
export type Comment = z.infer<typeof Comment>;

export const CommentThread = Comment.extend({ replies: z.array(Comment) });
export type CommentThread = z.infer<typeof CommentThread>;

export const CommentQuery = PageQuery;

export const CommentPage = z.object({
  data: z.array(CommentThread).describe('top-level comments, oldest first, each with its replies'),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int().describe('top-level comments the caller may read'),
  comments: z.number().int().describe('every comment the caller may read, replies included'),
  posting: z
    .object({
      allowed: z.boolean().describe('the caller may comment here (viewers read only)'),
      forcedInternal: z.boolean().describe('every comment here is internal to one party'),
      canChooseInternal: z.boolean().describe('the caller may choose an internal comment'),
    })
    .describe('what the comment form offers the caller'),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const MentionableQuery = z.object({
  q: cleanText(z.string().trim().max(100)).optional(),
  visibility: z.enum(COMMENT_VISIBILITIES).default('shared'),
  parentId: Uuid.optional(),
});

export const Mentionable = z.object({
  data: z.array(
    CommentPerson.extend({ organisation: I18nText.nullable(), role: z.string() }).describe(
      'a person who may read a comment of that visibility',
    ),
  ),
});
export type Mentionable = z.infer<typeof Mentionable>;
