/**
 * Commission meetings: list, one meeting, creating, changing, deleting and holding it, its
 * protocol (uploaded with progress), and a measure's decisions.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Meeting } from '../../contracts';
import { baselineKeys } from './baselines';
import { API_BASE, api, isApiError, type Page, sendForm } from './client';

export const meetingKeys = {
  list: (roadmapId?: string) => ['meetings', roadmapId ?? 'all'] as const,
  one: (id: string | undefined) => ['meeting', id] as const,
  ofMeasure: (id: string | undefined) => ['measure-decisions', id] as const,
};

/** A decision as a measure page lists it. */
export interface MeasureDecision {
  decisionId: string;
  number: number;
  text: Meeting['decisions'][number]['text'];
  effect: 'creates' | 'changes' | 'closes' | 'moves_dates';
  meetingId: string;
  meetingNumber: number;
  meetingDate: string;
}

/** GET /commission-meetings (the first 100, newest first). */
export function useMeetings(roadmapId?: string) {
  return useQuery({
    queryKey: meetingKeys.list(roadmapId),
    queryFn: ({ signal }) =>
      api.get<Page<Meeting>>('/commission-meetings', { query: { limit: 100, roadmapId }, signal }),
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: meetingKeys.one(id),
    queryFn: ({ signal }) => api.get<Meeting>(`/commission-meetings/${id}`, { signal }),
    enabled: !!id,
  });
}

/** POST /commission-meetings/:id/hold: the meeting is held and baselines of its roadmaps frozen. */
export function useHoldMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: Meeting) =>
      api.post<Meeting>(`/commission-meetings/${m.id}/hold`, { version: m.version }),
    onSuccess: (m) => {
      qc.setQueryData(meetingKeys.one(m.id), m);
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      // new baselines exist for each roadmap it reviews
      for (const r of m.roadmapIds) void qc.invalidateQueries({ queryKey: baselineKeys.of(r) });
    },
    onError: (_e, m) => qc.invalidateQueries({ queryKey: meetingKeys.one(m.id) }),
  });
}

/** GET /measures/:id/decisions. */
export function useMeasureDecisions(measureId: string | undefined) {
  return useQuery({
    queryKey: meetingKeys.ofMeasure(measureId),
    queryFn: ({ signal }) =>
      api
        .get<{ data: MeasureDecision[] }>(`/measures/${measureId}/decisions`, { signal })
        .then((r) => r.data),
    enabled: !!measureId,
  });
}

/** A saved meeting into the cache; lists that show it are read again. */
function storeMeeting(qc: QueryClient, m: Meeting) {
  qc.setQueryData(meetingKeys.one(m.id), m);
  void qc.invalidateQueries({ queryKey: ['meetings'] });
  // decisions may link measures differently now
  void qc.invalidateQueries({ queryKey: ['measure-decisions'] });
}

/**
 * POST /commission-meetings (editing null) or PATCH /commission-meetings/:id with the version
 * read. A stale version (409) reloads the meeting, so the form can say so and show the news.
 */
export function useSaveMeeting(editing: Pick<Meeting, 'id' | 'version'> | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? api.patch<Meeting>(`/commission-meetings/${editing.id}`, { ...body, version: editing.version })
        : api.post<Meeting>('/commission-meetings', body),
    onSuccess: (m) => storeMeeting(qc, m),
    onError: (e) => {
      if (editing && isApiError(e) && e.status === 409)
        void qc.invalidateQueries({ queryKey: meetingKeys.one(editing.id) });
    },
  });
}

/** DELETE /commission-meetings/:id?version= (a meeting not yet held). */
export function useDeleteMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: Pick<Meeting, 'id' | 'version'>) =>
      api.delete(`/commission-meetings/${m.id}`, { query: { version: m.version } }),
    onSuccess: (_r, m) => {
      qc.removeQueries({ queryKey: meetingKeys.one(m.id) });
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      void qc.invalidateQueries({ queryKey: ['measure-decisions'] });
    },
    onError: (_e, m) => qc.invalidateQueries({ queryKey: meetingKeys.one(m.id) }),
  });
}

/** PUT /commission-meetings/:id/protocol (multipart `file`), telling the share sent (0–1). */
export function useUploadProtocol(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; onProgress: (share: number) => void }) => {
      const form = new FormData();
      form.append('file', v.file, v.file.name);
      return sendForm<Meeting>('PUT', `/commission-meetings/${meetingId}/protocol`, form, v.onProgress);
    },
    onSuccess: (m) => storeMeeting(qc, m),
  });
}

/** The download address of a meeting's protocol. */
export const protocolHref = (meetingId: string) => `${API_BASE}/commission-meetings/${meetingId}/protocol`;
