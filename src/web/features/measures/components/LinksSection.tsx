/**
 * What a measure is linked to: spheres, the provisions it implements and the measures it
 * depends on. The choices that need more data are loaded only when the field is editable.
 */
import { MultiSelect } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Measure, Roadmap, Sphere } from '../../../../contracts';
import { provisionsQuery } from '../../../api/agreements';
import { useRoadmapMeasures } from '../../../api/measures';
import { textOf } from '../../roadmap/format';
import type { SectionProps } from '../editForm';

/** Props: the section's, the measure and its roadmap (whose agreements give the provisions). */
export interface LinksSectionProps extends SectionProps {
  measure: Measure;
  roadmap: Roadmap | undefined;
  spheres: readonly Sphere[];
}

/** Keeps chosen ids that are not among the options yet (labels fall back to the id). */
function withChosen(options: { value: string; label: string }[], chosen: readonly string[]) {
  for (const id of chosen) if (!options.some((o) => o.value === id)) options.push({ value: id, label: id });
  return options;
}

/** The three multi-selects the policy lets the user change. */
export function LinksSection({ values, set, errAt, may, measure, roadmap, spheres }: LinksSectionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const roadmapMeasures = useRoadmapMeasures(may('dependsOn') ? measure.roadmapId : undefined);
  const provisionLists = useQueries({
    queries: (may('provisionIds') ? (roadmap?.agreementIds ?? []) : []).map(provisionsQuery),
  });
  const measureOptions = withChosen(
    (roadmapMeasures.data ?? [])
      .filter((m) => m.id !== measure.id)
      .map((m) => ({ value: m.id, label: `${m.code} ${textOf(m.title, lang)}` })),
    values.dependsOn,
  );
  const provisionOptions = withChosen(
    provisionLists
      .flatMap((q) => q.data ?? [])
      .map((p) => ({ value: p.id, label: `${p.number}. ${textOf(p.text, lang).slice(0, 120)}` })),
    values.provisionIds,
  );
  return (
    <>
      {may('sphereIds') && (
        <MultiSelect
          label={t('fields.sphereIds')}
          value={values.sphereIds}
          onChange={(v) => set('sphereIds', v)}
          data={spheres.map((s) => ({ value: s.id, label: textOf(s.name, lang) }))}
          searchable
          clearable
          error={errAt('sphereIds')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {may('provisionIds') && (
        <MultiSelect
          label={t('fields.provisionIds')}
          value={values.provisionIds}
          onChange={(v) => set('provisionIds', v)}
          data={provisionOptions}
          searchable
          clearable
          limit={100}
          error={errAt('provisionIds')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {may('dependsOn') && (
        <MultiSelect
          label={t('fields.dependsOn')}
          value={values.dependsOn}
          onChange={(v) => set('dependsOn', v)}
          data={measureOptions}
          searchable
          clearable
          limit={50}
          error={errAt('dependsOn')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </>
  );
}
