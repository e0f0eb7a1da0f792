/** Roadmap import (multipart upload, dry run or save), its saved mapping, and export links. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '../../contracts';
import { currentLocale } from '../i18n';
import { API_BASE, ApiError, api, NETWORK_ERROR, type QueryParams, toQueryString } from './client';

/** What the import form sends besides the file. */
export interface ImportRequest {
  roadmapId: string;
  file: File;
  dryRun: boolean;
  createOrganisations: boolean;
  mapping?: Record<string, string | null>;
  /** The sheet (XLSX) or table number (DOCX). */
  choice?: string;
}

async function send<T>(method: string, path: string, body: BodyInit, json: boolean): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      body,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLocale(),
        ...(json ? { 'Content-Type': 'application/json' } : {}),
      },
    });
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR, (e as Error)?.message || 'Network error');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = data?.error ?? {};
    throw new ApiError(
      res.status,
      e.code ?? 'internal',
      e.message ?? res.statusText,
      e.details ?? [],
      e.requestId,
    );
  }
  return data as T;
}

/** POST /roadmaps/:id/import with the file as multipart (the dry run or the real one). */
export function useImportFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: ImportRequest) => {
      const form = new FormData();
      if (r.mapping && Object.keys(r.mapping).length) form.append('mapping', JSON.stringify(r.mapping));
      if (r.choice) {
        form.append('sheet', r.choice);
        form.append('table', r.choice);
      }
      form.append('file', r.file, r.file.name);
      const q = toQueryString({ dryRun: r.dryRun, createOrganisations: r.createOrganisations });
      return send<ImportResult>('POST', `/roadmaps/${r.roadmapId}/import${q}`, form, false);
    },
    onSuccess: (res) => {
      // a saved import changes the roadmap's measures, counts and summary
      if (!res.dryRun) qc.invalidateQueries();
    },
  });
}

interface SavedMapping {
  roadmapId: string;
  mapping: Record<string, string | null>;
  version: number | null;
}

/** GET /roadmaps/:id/import-mapping. */
export function useImportMapping(roadmapId: string | undefined) {
  return useQuery({
    queryKey: ['import-mapping', roadmapId],
    queryFn: ({ signal }) => api.get<SavedMapping>(`/roadmaps/${roadmapId}/import-mapping`, { signal }),
    enabled: !!roadmapId,
  });
}

/** PUT /roadmaps/:id/import-mapping with the version read. */
export function useSaveImportMapping(roadmapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { mapping: Record<string, string | null>; version: number | null }) =>
      send<SavedMapping>(
        'PUT',
        `/roadmaps/${roadmapId}/import-mapping`,
        JSON.stringify({ mapping: v.mapping, ...(v.version ? { version: v.version } : {}) }),
        true,
      ),
    onSuccess: (saved) => qc.setQueryData(['import-mapping', roadmapId], saved),
  });
}

/** The link of a roadmap's measures as XLSX or CSV, with the list's filters. */
export const exportHref = (roadmapId: string, format: 'xlsx' | 'csv', filter: QueryParams | null) => {
  const { roadmapId: _r, sort: _s, ...rest } = filter ?? {};
  return `${API_BASE}/roadmaps/${roadmapId}/measures.${format}${toQueryString(rest)}`;
};
