/** The agreement page's way to the provision import, shown to admins only. */
import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canManageReference } from '../../api/permissions';
import { useSession } from '../../api/session';

export function ImportProvisionsButton({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  if (!canManageReference(user)) return null;
  return (
    <Button
      component={Link}
      to={`/agreements/${agreementId}/import-provisions`}
      variant="default"
      leftSection={<IconFileImport size={16} aria-hidden />}
    >
      {t('provisionImport.button')}
    </Button>
  );
}
