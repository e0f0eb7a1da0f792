/** The reason a change of an approved plan needs (3–1000 characters, recorded in the audit trail). */
import { ReasonField as SharedReasonField } from '../../../components/ReasonField';
import { useTranslation } from 'react-i18next';

/**
 * Shown when the roadmap is approved (the API refuses plan changes there without it) and to
 * those who may correct a measure's status and progress directly (a correction carries its
 * reason); `hint` says which applies.
 */
export function ReasonField({
  value,
  onChange,
  error,
  hint,
  required = true,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SharedReasonField
      label={t('workbench.reason.label')}
      description={hint ?? t('workbench.reason.hint')}
      required={required}
      value={value}
      onChange={onChange}
      error={error}
      testId="reason"
    />
  );
}

/** A client-side check before sending: required and at least 3 characters. */
export function reasonError(reason: string, t: (k: string) => string): string | undefined {
  return reason.trim().length >= 3 ? undefined : t('workbench.reason.required');
}
