/** The signed-in user's own page: details and name, language, notifications, password, API tokens. */
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { CalendarSection } from './components/CalendarSection';
import { NotificationPreferencesSection } from './components/NotificationPreferencesSection';
import { PasswordSection } from './components/PasswordSection';
import { PersonalSection } from './components/PersonalSection';
import { TokensSection } from './components/TokensSection';

/** The profile page, lazily loaded by the router. */
export default function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title={t('profile.title')} />
      <PersonalSection />
      <NotificationPreferencesSection />
      <PasswordSection />
      <TokensSection />
      <CalendarSection />
    </Stack>
  );
}
