/**
 * The roadmap page's workbench: a new roadmap, editing this one, its status change
 * (draft → approved → archived, confirmed with what follows), and a new top-level measure.
 */
import { Button, Group } from '@mantine/core';
import { IconCheck, IconPencil, IconPlus, IconArchive } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Roadmap, User } from '../../../../contracts';
import { canManageReference, mayCreateMeasures } from '../../../api/permissions';
import { MeasureCreateDialog } from '../../measures/workbench/MeasureCreateDialog';
import { RoadmapDialog } from './RoadmapDialog';
import { NEXT_STATUS, RoadmapStatusDialog } from './RoadmapStatusDialog';

type Open =
  | { kind: 'new' }
  | { kind: 'edit' }
  | { kind: 'status'; to: Roadmap['status'] }
  | { kind: 'measure' }
  | null;

/** The toolbar; `onOpen` selects a roadmap just created. */
export function RoadmapToolbar({
  roadmap,
  user,
  onOpen,
}: {
  roadmap: Roadmap | undefined;
  user: User;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const admin = canManageReference(user);
  const addMeasure = !!roadmap && roadmap.status !== 'archived' && mayCreateMeasures(user);
  if (!admin && !addMeasure) return null;
  const close = () => setOpen(null);
  return (
    <Group gap="xs" mb="sm" wrap="wrap" data-testid="roadmap-toolbar">
      {addMeasure && (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpen({ kind: 'measure' })}>
          {t('workbench.measure.newTop')}
        </Button>
      )}
      {admin && roadmap && (
        <>
          <Button
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setOpen({ kind: 'edit' })}
            disabled={roadmap.status === 'archived'}
          >
            {t('workbench.roadmap.edit')}
          </Button>
          {NEXT_STATUS[roadmap.status].map((to) => (
            <Button
              key={to}
              variant="light"
              color={to === 'archived' ? 'red' : 'green'}
              leftSection={
                to === 'archived' ? (
                  <IconArchive size={16} aria-hidden />
                ) : (
                  <IconCheck size={16} aria-hidden />
                )
              }
              onClick={() => setOpen({ kind: 'status', to })}
            >
              {t(`workbench.roadmap.to.${to}.button`)}
            </Button>
          ))}
        </>
      )}
      {admin && (
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setOpen({ kind: 'new' })}
        >
          {t('workbench.roadmap.new')}
        </Button>
      )}
      {open?.kind === 'new' && <RoadmapDialog editing={null} onClose={close} onSaved={(r) => onOpen(r.id)} />}
      {open?.kind === 'edit' && roadmap && <RoadmapDialog editing={roadmap} onClose={close} />}
      {open?.kind === 'status' && roadmap && (
        <RoadmapStatusDialog roadmap={roadmap} to={open.to} onClose={close} />
      )}
      {open?.kind === 'measure' && roadmap && (
        <MeasureCreateDialog roadmap={roadmap} parent={null} user={user} onClose={close} />
      )}
    </Group>
  );
}
