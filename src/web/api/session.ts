/** Sign-in, sign-out and profile mutations; each keeps the session cache in step. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, Locale, User } from '../../contracts';
import { api } from './client';
import { type ApiTokenCreated, type Session, sessionKey } from './hooks';

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

/** POST /me/tokens: the answer carries the secret once. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number | null }) =>
      api.post<ApiTokenCreated>('/me/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

/** DELETE /me/tokens/:id. */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: Pick<ApiToken, 'id'>) => api.delete(`/me/tokens/${token.id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
