/** The session: who is signed in, sign-in, sign-out and the profile; each keeps the session cache in step. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale, User } from '../../contracts';
import { api } from './client';

/** What GET/POST /session answer. */
export interface Session {
  user: User;
  expiresAt: string | null;
}

/** The query key of the session; every other key is dropped when the user changes. */
export const sessionKey = ['session'] as const;

/** The signed-in user, or null when there is no session (a 401 is not an error here). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      try {
        return await api.get<Session>('/session', { quiet401: true });
      } catch (e) {
        if ((e as { status?: number }).status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: 1,
  });
}

/** The signed-in user; only valid under RequireAuth. */
export function useMe(): User {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside a signed-in area');
  return data.user;
}

/** POST /session; on success the session query holds the new user. */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<Session>('/session', body, { quiet401: true }),
    onSuccess: async (session) => {
      // Nothing cached under the previous user (or none) may leak into this one.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      if (session?.user) qc.setQueryData(sessionKey, session);
      else await qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

/** DELETE /session, then forget every cached answer. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/session', { quiet401: true }).catch(() => undefined),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

/** PATCH /me (name, locale); the session user is replaced by the answer. */
export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Locale }) => api.patch<User>('/me', body),
    onSuccess: (user) => {
      qc.setQueryData<Session | null>(sessionKey, (s) => (s && user?.id ? { ...s, user } : s));
    },
  });
}

/** POST /me/password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/me/password', body),
  });
}
