import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts';
import { useOrganisations, useParties } from '../../../api/reference';
import { useMe, useUpdateProfile } from '../../../api/session';
import { useLanguageSwitch } from '../../../app/AppLayout';
import { ErrorAlert, LocalizedText, Section, useLengthLimit } from '../../../components';
import { fieldErrors } from '../../../components/errors';
import { LanguageSelect } from '../../../components/LanguageSelect';

/** Who the user is (e-mail, role, organisation, party), their name and UI language. */
export function PersonalSection() {
  const { t } = useTranslation();
  const me = useMe();
  const parties = useParties();
  const orgs = useOrganisations();
  const update = useUpdateProfile();
  const switchLanguage = useLanguageSwitch();
  const [name, setName] = useState(me.name);
  const org = orgs.data?.find((o) => o.id === me.organisationId);
  const party = parties.data?.find((p) => p.id === me.partyId);
  const errors = fieldErrors(update.error, t);
  const nameHint = useLengthLimit()(name, LIMITS.name);

  return (
    <Section id="profile-personal" title={t('profile.personal')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" style={{ margin: 0 }}>
          {[
            [t('profile.email'), me.email],
            [t('profile.role'), t(`enums.role.${me.role}`)],
            [t('profile.organisation'), org ? <LocalizedText key="o" value={org.name} /> : t('common.empty')],
            [t('profile.party'), party ? <LocalizedText key="p" value={party.name} /> : t('common.empty')],
          ].map(([k, v]) => (
            <div key={String(k)}>
              <Text component="dt" fz="xs" fw={600} c="gray.8">
                {k}
              </Text>
              <Text component="dd" m={0} fz="sm">
                {v}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            update.mutate(
              { name: name.trim() },
              { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) },
            );
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('fields.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              description={nameHint.description}
              error={errors.name ?? nameHint.error ?? (!name.trim() ? t('common.required') : undefined)}
              w={{ base: '100%', sm: 360 }}
              autoComplete="name"
            />
            <Button type="submit" loading={update.isPending} disabled={name.trim() === me.name}>
              {t('common.save')}
            </Button>
          </Group>
        </form>
        <div style={{ maxWidth: 360 }}>
          <LanguageSelect withLabel size="sm" onChange={switchLanguage} />
        </div>
        {update.error && !errors.name ? <ErrorAlert error={update.error} /> : null}
      </Stack>
    </Section>
  );
}
