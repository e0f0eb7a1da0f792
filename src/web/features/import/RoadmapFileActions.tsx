/** The roadmap page's file buttons: export the measures shown (XLSX, CSV) and, for admins, import. */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryParams } from '../../api/client';
import { exportHref } from '../../api/imports';

export interface RoadmapFileActionsProps {
  roadmapId: string;
  /** The list's current filters: the export honours them. */
  filter: QueryParams | null;
  canImport: boolean;
}

/** Export links (the browser downloads them with the session cookie) and the import page. */
export function RoadmapFileActions({ roadmapId, filter, canImport }: RoadmapFileActionsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Button component="a" href={exportHref(roadmapId, 'xlsx', filter)} variant="default" size="xs" download>
        {t('import.exportXlsx')}
      </Button>
      <Button component="a" href={exportHref(roadmapId, 'csv', filter)} variant="default" size="xs" download>
        {t('import.exportCsv')}
      </Button>
      {canImport && (
        <Button component={Link} to={`/roadmap/import?roadmap=${roadmapId}`} variant="light" size="xs">
          {t('import.title')}
        </Button>
      )}
    </Group>
  );
}
