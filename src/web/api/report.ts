/**
 * The commission report's download (PDF, DOCX) and the signed-in user's calendar URL
 * (state, make or rotate, revoke) with their cache updates.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, CalendarFeedState, Locale } from '../../contracts';
import { currentLocale } from '../i18n';
import { API_BASE, ApiError, api, NETWORK_ERROR, toApiError, toQueryString } from './client';

/** What the report dialog asks for. */
export interface ReportParams {
  asOf?: string;
  since?: string;
  locale: Locale;
}

/** The file name of a download, from its Content-Disposition (RFC 5987 `filename*` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/**
 * Fetches the report and hands it to the browser as a download; a refusal (a bad date)
 * throws the server's error, in the UI language, for the dialog to show.
 */
export async function downloadReport(roadmapId: string, format: 'pdf' | 'docx', p: ReportParams) {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/roadmaps/${roadmapId}/report.${format}${toQueryString({ ...p })}`, {
      headers: { 'Accept-Language': currentLocale() },
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR, (e as Error)?.message || 'Network error');
  }
  if (!res.ok) throw await toApiError(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, `report.${format}`);
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The download as a mutation: pending while the server renders, the error kept for the dialog. */
export function useDownloadReport(roadmapId: string) {
  return useMutation({
    mutationFn: ({ format, ...p }: ReportParams & { format: 'pdf' | 'docx' }) =>
      downloadReport(roadmapId, format, p),
  });
}

const calendarKey = ['me', 'calendar'] as const;

/** GET /me/calendar. */
export function useCalendarState() {
  return useQuery({
    queryKey: calendarKey,
    queryFn: ({ signal }) => api.get<CalendarFeedState>('/me/calendar', { signal }),
  });
}

/** POST /me/calendar: a new URL (shown once); the state in the cache follows. */
export function useRotateCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeed>('/me/calendar'),
    onSuccess: (feed) =>
      qc.setQueryData<CalendarFeedState>(calendarKey, {
        active: true,
        createdAt: feed.createdAt,
        lastUsedAt: null,
      }),
  });
}

/** DELETE /me/calendar; the state in the cache follows. */
export function useRevokeCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/me/calendar'),
    onSuccess: () =>
      qc.setQueryData<CalendarFeedState>(calendarKey, { active: false, createdAt: null, lastUsedAt: null }),
  });
}
