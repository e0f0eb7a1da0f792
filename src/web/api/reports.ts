/**
 * Progress reports: the caller's assignments, lists (approval queue, a measure's reports), one
 * report, its edits and workflow moves, evidence files (uploaded with XMLHttpRequest for its
 * upload progress) and a roadmap's reporting completeness. A mutation's answer goes into the
 * cache of that report; lists that show it are marked stale.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assignment, Completeness, EvidenceFile, Report, ReportUpdate } from '../../contracts';
import { API_BASE, api, type Page, type QueryParams, sendForm } from './client';

export const reportKeys = {
  all: ['reports'] as const,
  one: (id: string | undefined) => ['reports', 'one', id] as const,
  list: (q: QueryParams) => ['reports', 'list', q] as const,
  assignments: (q: QueryParams) => ['reports', 'assignments', q] as const,
  completeness: (roadmapId: string | undefined, periodId?: string) =>
    ['reports', 'completeness', roadmapId, periodId ?? null] as const,
};

/** GET /reports/assignments: what the caller must report on, overdue first. */
export function useAssignments(q: QueryParams = {}) {
  return useQuery({
    queryKey: reportKeys.assignments(q),
    queryFn: ({ signal }) => api.get<Page<Assignment>>('/reports/assignments', { query: q, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /reports with filters (approval queue: state=submitted&mine=true; a measure: measureId). */
export function useReports(q: QueryParams, enabled = true) {
  return useQuery({
    queryKey: reportKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<Report>>('/reports', { query: q, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** GET /reports/:id. */
export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportKeys.one(id),
    queryFn: ({ signal }) => api.get<Report>(`/reports/${id}`, { signal }),
    enabled: !!id,
  });
}

/** GET /roadmaps/:id/reporting: the completeness of a period per party and organisation. */
export function useCompleteness(roadmapId: string | undefined, periodId?: string) {
  return useQuery({
    queryKey: reportKeys.completeness(roadmapId, periodId),
    queryFn: ({ signal }) =>
      api.get<Completeness>(`/roadmaps/${roadmapId}/reporting`, { query: { periodId }, signal }),
    enabled: !!roadmapId,
  });
}

/** Puts a report answered by a write into the cache and marks the lists stale. */
function useStore() {
  const qc = useQueryClient();
  return (r: Report) => {
    qc.setQueryData(reportKeys.one(r.id), r);
    void qc.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'reports' && q.queryKey[1] !== 'one',
    });
  };
}

/** POST /reports: starts the draft of the caller's party. */
export function useCreateReport() {
  const store = useStore();
  return useMutation({
    mutationFn: (v: { measureId: string; periodId: string }) => api.post<Report>('/reports', v),
    onSuccess: store,
  });
}

/** PATCH /reports/:id. */
export function useUpdateReport(id: string) {
  const store = useStore();
  return useMutation({
    mutationFn: (body: ReportUpdate) => api.patch<Report>(`/reports/${id}`, body),
    onSuccess: store,
  });
}

export type ReportMove = 'submit' | 'approve' | 'return' | 'reopen';

/** POST /reports/:id/{submit,approve,return,reopen} with the version read (and a reason). */
export function useReportMove() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { report: Pick<Report, 'id' | 'version'>; move: ReportMove; reason?: string }) =>
      api.post<Report>(`/reports/${v.report.id}/${v.move}`, {
        version: v.report.version,
        ...(v.reason === undefined ? {} : { reason: v.reason }),
      }),
    onSuccess: store,
    onError: (_e, v) => qc.invalidateQueries({ queryKey: reportKeys.one(v.report.id) }),
  });
}

/** Sends a file to POST /reports/:id/evidence, telling the share sent so far (0–1). */
export function uploadEvidence(
  report: Pick<Report, 'id' | 'version'>,
  file: File,
  onProgress: (share: number) => void,
): Promise<EvidenceFile & { reportVersion: number }> {
  const form = new FormData();
  form.append('version', String(report.version));
  form.append('file', file, file.name);
  return sendForm('POST', `/reports/${report.id}/evidence`, form, onProgress);
}

/** Uploads evidence, then reloads the report (its version and file list changed). */
export function useUploadEvidence(reportId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      report: Pick<Report, 'id' | 'version'>;
      file: File;
      onProgress: (s: number) => void;
    }) => uploadEvidence(v.report, v.file, v.onProgress),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.one(reportId) }),
  });
}

/** DELETE /evidence/:id?version= (the report's version). */
export function useDeleteEvidence(reportId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { fileId: string; version: number }) =>
      api.delete<{ reportVersion: number }>(`/evidence/${v.fileId}`, { query: { version: v.version } }),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.one(reportId) }),
  });
}

/** The download address of an evidence file. */
export const evidenceHref = (fileId: string) => `${API_BASE}/evidence/${fileId}`;
