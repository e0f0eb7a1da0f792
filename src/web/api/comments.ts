/**
 * Comments on a measure or a report: the threads, posting, replying, editing, deleting, and
 * the people a comment may mention. A mutation's answer goes into the cached threads.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Comment,
  CommentPage,
  CommentTargetKind,
  CommentVisibility,
  Mentionable,
} from '../../contracts';
import { api } from './client';

/** What the comments are on. */
export interface CommentTarget {
  kind: CommentTargetKind;
  id: string;
}

const base = (t: CommentTarget) => `/${t.kind === 'measure' ? 'measures' : 'reports'}/${t.id}`;

/** Threads are shown up to this many per page. */
export const COMMENT_PAGE = 50;

export const commentKeys = {
  of: (t: CommentTarget) => ['comments', t.kind, t.id] as const,
  page: (t: CommentTarget, page: number) => ['comments', t.kind, t.id, page] as const,
  mentionable: (t: CommentTarget, q: string, visibility: CommentVisibility, parentId?: string) =>
    ['mentionable', t.kind, t.id, q, visibility, parentId ?? null] as const,
};

/** GET …/comments: a page of top-level comments with their replies. */
export function useComments(t: CommentTarget, page = 1) {
  return useQuery({
    queryKey: commentKeys.page(t, page),
    queryFn: ({ signal }) =>
      api.get<CommentPage>(`${base(t)}/comments`, { query: { page, limit: COMMENT_PAGE }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Replaces one comment (or a reply) wherever it is in the cached pages of `t`. */
function patchPages(
  qc: ReturnType<typeof useQueryClient>,
  t: CommentTarget,
  fn: (p: CommentPage) => CommentPage,
) {
  for (const [key, data] of qc.getQueriesData<CommentPage>({ queryKey: commentKeys.of(t) }))
    if (data) qc.setQueryData(key, fn(data));
}

const replaceIn = (p: CommentPage, c: Comment): CommentPage => ({
  ...p,
  data: p.data.map((th) =>
    th.id === c.id ? { ...th, ...c } : { ...th, replies: th.replies.map((r) => (r.id === c.id ? c : r)) },
  ),
});

/** The new comment's text, visibility, parent and mentioned people. */
export interface CommentDraft {
  text: string;
  visibility: CommentVisibility;
  parentId?: string;
  mentions: string[];
}

/** POST …/comments: the new comment joins its thread (a reply) or the last page (a comment). */
export function useCreateComment(t: CommentTarget) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: CommentDraft) => api.post<Comment>(`${base(t)}/comments`, d),
    onSuccess: (c) =>
      patchPages(qc, t, (p) => {
        if (c.parentId)
          return {
            ...p,
            comments: p.comments + 1,
            data: p.data.map((th) => (th.id === c.parentId ? { ...th, replies: [...th.replies, c] } : th)),
          };
        const last = p.page >= Math.ceil(p.total / p.limit);
        return {
          ...p,
          total: p.total + 1,
          comments: p.comments + 1,
          data: last && p.data.length < p.limit ? [...p.data, { ...c, replies: [] }] : p.data,
        };
      }),
  });
}

/** PATCH /comments/:id with the version read. */
export function useUpdateComment(t: CommentTarget) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { comment: Comment; text: string; mentions: string[] }) =>
      api.patch<Comment>(`/comments/${v.comment.id}`, {
        version: v.comment.version,
        text: v.text,
        mentions: v.mentions,
      }),
    onSuccess: (c) => patchPages(qc, t, (p) => replaceIn(p, c)),
    onError: () => qc.invalidateQueries({ queryKey: commentKeys.of(t) }),
  });
}

/** DELETE /comments/:id: gone from the thread (a comment with replies stays as “deleted”). */
export function useDeleteComment(t: CommentTarget) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: Comment) => api.delete(`/comments/${c.id}`, { query: { version: c.version } }),
    onSuccess: (_v, c) =>
      patchPages(qc, t, (p) => {
        const top = p.data.find((th) => th.id === c.id);
        if (!top)
          return {
            ...p,
            comments: p.comments - 1,
            data: p.data.map((th) => ({ ...th, replies: th.replies.filter((r) => r.id !== c.id) })),
          };
        if (top.replies.length)
          return {
            ...p,
            comments: p.comments - 1,
            data: p.data.map((th) =>
              th.id === c.id ? { ...th, deleted: true, text: '', mentions: [] } : th,
            ),
          };
        return {
          ...p,
          total: p.total - 1,
          comments: p.comments - 1,
          data: p.data.filter((th) => th.id !== c.id),
        };
      }),
    onError: () => qc.invalidateQueries({ queryKey: commentKeys.of(t) }),
  });
}

/** GET …/mentionable: who a comment of this visibility may mention, by name. */
export function useMentionable(
  t: CommentTarget,
  q: string | null,
  visibility: CommentVisibility,
  parentId?: string,
) {
  return useQuery({
    queryKey: commentKeys.mentionable(t, q ?? '', visibility, parentId),
    queryFn: ({ signal }) =>
      api
        .get<Mentionable>(`${base(t)}/mentionable`, { query: { q: q ?? '', visibility, parentId }, signal })
        .then((r) => r.data),
    enabled: q !== null,
    staleTime: 30_000,
  });
}
