import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';

/** Unknown addresses and pages the user may not open look the same: "not found". */
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('errors.notFoundTitle')} />
      <Text>{t('errors.notFound')}</Text>
      <Button component={Link} to="/" w="fit-content">
        {t('errors.toHome')}
      </Button>
    </Stack>
  );
}
