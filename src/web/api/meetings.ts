/** Commission meetings: list, one meeting, holding it, and a measure's decisions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Meeting } from '../../contracts';
import { baselineKeys } from './baselines';
import { api, type Page } from './client';

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
