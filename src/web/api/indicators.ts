/** Indicators of a measure: the list, the series, and create / change / remove. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Indicator, IndicatorSeries } from '../../contracts';
import { api } from './client';

/** Query keys of indicators. */
export const indicatorKeys = {
  ofMeasure: (measureId: string | undefined) => ['indicators', 'measure', measureId] as const,
  series: (id: string | undefined) => ['indicators', 'series', id] as const,
};

/** GET /measures/:id/indicators. */
export function useIndicators(measureId: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys.ofMeasure(measureId),
    queryFn: ({ signal }) =>
      api.get<{ data: Indicator[] }>(`/measures/${measureId}/indicators`, { signal }).then((r) => r.data),
    enabled: !!measureId,
  });
}

/** GET /indicators/:id/series. */
export function useIndicatorSeries(id: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys.series(id),
    queryFn: ({ signal }) => api.get<IndicatorSeries>(`/indicators/${id}/series`, { signal }),
    enabled: !!id,
  });
}

/** POST /measures/:id/indicators, or PATCH /indicators/:id when `id` is given; the answer goes into the list. */
export function useSaveIndicator(measureId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: Record<string, unknown> }) =>
      v.id
        ? api.patch<Indicator>(`/indicators/${v.id}`, v.body)
        : api.post<Indicator>(`/measures/${measureId}/indicators`, v.body),
    onSuccess: (saved) => {
      qc.setQueryData<Indicator[]>(indicatorKeys.ofMeasure(measureId), (list = []) =>
        list.some((i) => i.id === saved.id)
          ? list.map((i) => (i.id === saved.id ? saved : i))
          : [...list, saved],
      );
      void qc.invalidateQueries({ queryKey: indicatorKeys.series(saved.id) });
    },
  });
}

/** DELETE /indicators/:id?version=. */
export function useDeleteIndicator(measureId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (i: Indicator) => api.delete(`/indicators/${i.id}`, { query: { version: i.version } }),
    onSuccess: (_r, i) =>
      qc.setQueryData<Indicator[]>(indicatorKeys.ofMeasure(measureId), (list = []) =>
        list.filter((x) => x.id !== i.id),
      ),
  });
}
