/**
 * An agreement's provisions in reading order, narrowed (not regrouped) by a sphere filter; for
 * the secretariat: add, edit, move up/down (buttons, so the keyboard reaches them), delete.
 */
import { ActionIcon, Button, Group, List, NativeSelect, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, Measure, Provision } from '../../../../contracts';
import { useDeleteProvision, useProvisions, useReorderProvisions } from '../../../api/agreements';
import { canManageReference } from '../../../api/permissions';
import { useSpheres } from '../../../api/reference';
import { useMe } from '../../../api/session';
import { useLocalize } from '../../../components/LocalizedText';
import { EmptyState, ErrorAlert, type QueryLike, QueryState } from '../../../components/QueryState';
import { ConfirmDialog } from '../../../components/Dialogs';
import { ProvisionDialog } from './ProvisionDialog';
import { ProvisionItem } from './ProvisionItem';

/** The section; `measures` maps a provision id to the measures that implement it. */
export function ProvisionsSection({
  agreement,
  measures,
  amendedBy,
}: {
  agreement: Agreement;
  measures: { byProvision: Map<string, Measure[]> } & QueryLike;
  /** Provision id → the titles of the amending agreements that change it. */
  amendedBy: Map<string, string[]>;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const admin = canManageReference(useMe());
  const provisions = useProvisions(agreement.id);
  const spheres = useSpheres();
  const reorder = useReorderProvisions(agreement.id);
  const remove = useDeleteProvision();
  const [sphere, setSphere] = useState('');
  const [editing, setEditing] = useState<Provision | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provision | null>(null);
  const list = [...(provisions.data ?? [])].sort((a, b) => a.position - b.position);
  const shown = sphere ? list.filter((p) => p.sphereIds.includes(sphere)) : list;
  const sphereName = new Map((spheres.data ?? []).map((s) => [s.id, l.str(s.name)]));

  const move = (p: Provision, by: -1 | 1) => {
    const ids = list.map((x) => x.id);
    const i = ids.indexOf(p.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    reorder.mutate(ids);
  };
  const implementing = deleting ? (measures.byProvision.get(deleting.id) ?? []) : [];

  return (
    <section aria-labelledby="agr-provisions">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} fz="lg" id="agr-provisions">
          {t('agreements.provisions')}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('workbench.provision.sphereFilter')}
            value={sphere}
            onChange={(e) => setSphere(e.currentTarget.value)}
            data={[
              { value: '', label: t('common.all') },
              ...(spheres.data ?? []).map((s) => ({ value: s.id, label: l.str(s.name) })),
            ]}
            miw={200}
          />
          {admin && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('workbench.provision.new')}
            </Button>
          )}
        </Group>
      </Group>
      {reorder.error ? <ErrorAlert error={reorder.error} /> : null}
      <QueryState
        query={[provisions, spheres, measures]}
        isEmpty={list.length === 0}
        empty={t('agreements.noProvisions')}
      >
        {shown.length === 0 ? (
          <EmptyState>{t('workbench.provision.noneInSphere')}</EmptyState>
        ) : (
          <Stack
            gap="sm"
            component="ol"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('agreements.provisions')}
          >
            {shown.map((p) => {
              const i = list.indexOf(p);
              const label = t('agreements.provisionNumber', { number: p.number });
              const by = amendedBy.get(p.id);
              return (
                <li key={p.id}>
                  <ProvisionItem
                    provision={p}
                    measures={measures.byProvision.get(p.id) ?? []}
                    sphereNames={p.sphereIds.map((s) => sphereName.get(s) ?? '…')}
                    note={
                      by?.length ? (
                        <Text fz="xs" c="orange.9">
                          {t('workbench.provision.amendedBy', { titles: by.join('; ') })}
                        </Text>
                      ) : null
                    }
                    actions={
                      admin && (
                        <Group gap={4}>
                          <Tooltip label={t('workbench.moveUp')}>
                            <ActionIcon
                              variant="subtle"
                              disabled={i === 0 || reorder.isPending}
                              onClick={() => move(p, -1)}
                              aria-label={`${t('workbench.moveUp')}: ${label}`}
                            >
                              <IconArrowUp size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('workbench.moveDown')}>
                            <ActionIcon
                              variant="subtle"
                              disabled={i === list.length - 1 || reorder.isPending}
                              onClick={() => move(p, 1)}
                              aria-label={`${t('workbench.moveDown')}: ${label}`}
                            >
                              <IconArrowDown size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <ActionIcon
                            variant="subtle"
                            onClick={() => setEditing(p)}
                            aria-label={`${t('common.edit')}: ${label}`}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              remove.reset();
                              setDeleting(p);
                            }}
                            aria-label={`${t('common.delete')}: ${label}`}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Group>
                      )
                    }
                  />
                </li>
              );
            })}
          </Stack>
        )}
      </QueryState>
      {editing && (
        <ProvisionDialog
          agreementId={agreement.id}
          amendsAgreementId={agreement.amendsAgreementId}
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          onClose={() => setDeleting(null)}
          title={t('workbench.provision.deleteTitle', { number: deleting.number })}
          error={remove.error}
          busy={remove.isPending}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
        >
          {implementing.length > 0 ? (
            <>
              <Text fz="sm">{t('workbench.provision.implementedFirst')}</Text>
              <List size="sm">
                {implementing.map((m) => (
                  <List.Item key={m.id}>
                    {m.code} {l.str(m.title)}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text fz="sm">{t('workbench.provision.deleteText')}</Text>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
