/**
 * The reason a person gives with a change, a request or a refusal: 3 to 1000 characters,
 * required unless told otherwise.
 */
import { Textarea } from '@mantine/core';

export function ReasonField(p: {
  label: string;
  description?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoFocus?: boolean;
  required?: boolean;
  testId?: string;
}) {
  return (
    <Textarea
      label={p.label}
      description={p.description}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      required={p.required ?? true}
      minLength={3}
      maxLength={1000}
      rows={4}
      error={p.error}
      data-autofocus={p.autoFocus || undefined}
      data-testid={p.testId}
    />
  );
}
