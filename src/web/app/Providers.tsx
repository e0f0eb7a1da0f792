import 'dayjs/locale/en';
import 'dayjs/locale/kk';
import 'dayjs/locale/ru';
import { MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { theme } from '../theme';

function Dates({ children }: { children: ReactNode }) {
  const { i18n: inst } = useTranslation();
  return (
    <DatesProvider settings={{ locale: inst.resolvedLanguage ?? 'ru', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

/**
 * The theme in the UI language: every notification's close button is named (axe counts an
 * unnamed button as critical), whoever shows the notification.
 */
function Themed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const themed = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={themed} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

/** Everything a page needs around it: i18n, Mantine (theme, dates, notifications), TanStack Query. */
export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <Themed>
          <Dates>
            <Notifications position="top-right" />
            {children}
          </Dates>
        </Themed>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
