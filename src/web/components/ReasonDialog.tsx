/**
 * A dialog that asks for the reason of one move (return or reopen a report, reopen a period,
 * decline a change request) and makes it: the reason field, the server's error beside it, and
 * the move's own submit label.
 */
import { type FormEvent, useState } from 'react';
import { FormDialog } from './Dialogs';
import { fieldErrors } from './errors';
import { ReasonField } from './ReasonField';

export function ReasonDialog(p: {
  title: string;
  submitLabel: string;
  label: string;
  description?: string;
  /** The move's mutation state: its error and whether it is under way. */
  error: unknown;
  busy: boolean;
  /** Makes the move with the trimmed reason. */
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onConfirm(reason.trim());
  };
  return (
    <FormDialog
      onClose={p.onClose}
      title={p.title}
      error={p.error}
      busy={p.busy}
      onSubmit={submit}
      submitLabel={p.submitLabel}
    >
      <ReasonField
        label={p.label}
        description={p.description}
        value={reason}
        onChange={setReason}
        error={fieldErrors(p.error).reason}
        autoFocus
      />
    </FormDialog>
  );
}
