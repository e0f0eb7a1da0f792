import { Alert, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { explainError } from './errors';

export interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** Overrides the title derived from the error code. */
  title?: string;
  /** Overrides the server's message (and its details) where the UI knows better words. */
  message?: string;
}

/** An error in words: title from the code, the server's message, field details and request id. */
export function ErrorAlert({ error, onRetry, title, message }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const explained = explainError(error, t);
  const e = message ? { ...explained, message, details: [] } : explained;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={title ?? e.title}
      icon={<IconAlertTriangle aria-hidden size={20} />}
      data-testid="error-alert"
    >
      <Stack gap={6}>
        {e.message && <Text size="sm">{e.message}</Text>}
        {e.details.length > 0 && (
          <List size="sm" spacing={2}>
            {e.details.map((d) => (
              <List.Item key={`${d.path}:${d.message}`}>
                {d.path ? <strong>{d.path}: </strong> : null}
                {d.message}
              </List.Item>
            ))}
          </List>
        )}
        {e.requestId && (
          <Text size="xs" c="gray.8">
            {t('errors.requestId', { id: e.requestId })}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button
              size="xs"
              variant="outline"
              color="red"
              leftSection={<IconRefresh size={14} aria-hidden />}
              onClick={onRetry}
            >
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A centred spinner with a text that screen readers announce. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite" data-testid="loading-state">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="gray.8" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Group>
    </Center>
  );
}

/** A quiet sentence for "nothing here". */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="gray.8" size="sm" py="md" data-testid="empty-state">
      {children}
    </Text>
  );
}

/** The parts of a TanStack query result QueryState reads. */
export interface QueryLike {
  isPending?: boolean;
  isLoading?: boolean;
  error?: unknown;
  refetch?: () => unknown;
}

export interface QueryStateProps {
  /** One query or several: loading while any loads, failed when any failed. */
  query: QueryLike | QueryLike[];
  /** True when there is nothing to show: renders `empty` instead of children. */
  isEmpty?: boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  children?: ReactNode | (() => ReactNode);
}

/**
 * The loading / error / empty / content switch every page uses. The error shows the
 * server's message (ApiError.message) with a retry button that refetches.
 */
export function QueryState({ query, isEmpty, empty, loadingLabel, children }: QueryStateProps) {
  const queries = Array.isArray(query) ? query : [query];
  const failed = queries.find((q) => q.error);
  if (failed) {
    return (
      <ErrorAlert
        error={failed.error}
        onRetry={() => {
          for (const q of queries) if (q.error) q.refetch?.();
        }}
      />
    );
  }
  if (queries.some((q) => q.isLoading ?? q.isPending)) return <LoadingState label={loadingLabel} />;
  if (isEmpty) return <EmptyState>{empty}</EmptyState>;
  return <>{typeof children === 'function' ? children() : children}</>;
}
