/**
 * The measure page's structural actions, in a menu the keyboard opens (Enter, arrows, Esc):
 * add a child or a sibling, move, delete — each shown only to those the API lets do it.
 */
import { Button, Menu } from '@mantine/core';
import { IconArrowsMove, IconChevronDown, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure, Roadmap, User } from '../../../../contracts';
import { useMeasuresByIds } from '../../../api/measures';
import { mayCreateMeasures, mayRestructure } from '../../../api/permissions';
import { DeleteMeasureDialog } from './DeleteMeasureDialog';
import { MeasureCreateDialog } from './MeasureCreateDialog';
import { MoveDialog } from './MoveDialog';

type Open = 'child' | 'sibling' | 'move' | 'delete' | null;

/** The menu and its dialogs; nothing when the user may do none of it or the roadmap is archived. */
export function MeasureActions({
  measure,
  roadmap,
  user,
}: {
  measure: Measure;
  roadmap: Roadmap | undefined;
  user: User;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const parent = useMeasuresByIds(measure.parentId ? [measure.parentId] : []).data?.[0] ?? null;
  const create = mayCreateMeasures(user);
  const restructure = mayRestructure(user, measure);
  if (!roadmap || roadmap.status === 'archived' || (!create && !restructure)) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="light" rightSection={<IconChevronDown size={16} aria-hidden />}>
            {t('workbench.measure.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {create && (
            <>
              <Menu.Item leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpen('child')}>
                {t('workbench.measure.addChild')}
              </Menu.Item>
              <Menu.Item leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpen('sibling')}>
                {t('workbench.measure.addSibling')}
              </Menu.Item>
            </>
          )}
          {restructure && (
            <>
              <Menu.Item
                leftSection={<IconArrowsMove size={16} aria-hidden />}
                onClick={() => setOpen('move')}
              >
                {t('workbench.measure.move')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setOpen('delete')}
              >
                {t('common.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {(open === 'child' || open === 'sibling') && (
        <MeasureCreateDialog
          roadmap={roadmap}
          parent={open === 'child' ? measure : parent}
          user={user}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'move' && <MoveDialog measure={measure} roadmap={roadmap} onClose={() => setOpen(null)} />}
      {open === 'delete' && (
        <DeleteMeasureDialog measure={measure} roadmap={roadmap} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
