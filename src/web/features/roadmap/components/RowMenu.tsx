/**
 * A row's own actions in the tree: add a child or a sibling measure. The button is in the tab
 * order of the active row only (the grid's roving focus), so Tab from a row reaches it and
 * the menu opens with Enter or Space, its items chosen with the arrows.
 */
import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../../../contracts';

/** What a row action adds. */
export type RowAction = 'child' | 'sibling';

/** The menu of one row. */
export function RowMenu({
  measure,
  active,
  onAction,
}: {
  measure: Measure;
  active: boolean;
  onAction: (m: Measure, action: RowAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="dark"
          tabIndex={active ? 0 : -1}
          aria-label={t('rowActions.menu', { code: measure.code })}
        >
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onAction(measure, 'child')}
        >
          {t('workbench.measure.addChild')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onAction(measure, 'sibling')}
        >
          {t('workbench.measure.addSibling')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
