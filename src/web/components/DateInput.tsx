/**
 * A calendar date field that reads and writes dates the way the UI language does
 * («31.12.2026» in ru and kk, «31/12/2026» in en) whatever the browser's locale: the native
 * `<input type=date>` follows the browser and showed «mm/dd/yyyy» in the Russian UI. Typing
 * is free; a calendar button offers a picker. An impossible date is said in the UI language.
 */
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateText, type ParsedDate, parseDateText } from './dates';

/** Props: the value is `YYYY-MM-DD` (or '' for none), as the API writes dates. */
export interface DateInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> {
  value: string;
  /**
   * Called with `YYYY-MM-DD` for a real day, '' when emptied, and with the typed text itself
   * when it is not a date yet, so that a form never sends the last good value in its place.
   */
  onChange: (value: string) => void;
  /** The earliest and latest day the calendar offers (`YYYY-MM-DD`). */
  min?: string;
  max?: string;
}

/** The date field (see the module comment). */
export function DateInput({ value, onChange, min, max, error, label, ...rest }: DateInputProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState(() => formatDateText(value, lang));
  // what this field last showed for which value and language: a new value from outside (a
  // reset, a reload) or another language is shown afresh, an echo of our own typing is not
  const [shown, setShown] = useState({ value, lang });
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  if (shown.value !== value || shown.lang !== lang) {
    const parsed = parseDateText(text);
    const echo = shown.lang === lang && (parsed.kind === 'date' ? parsed.iso : text.trim()) === value;
    if (!echo) setText(formatDateText(value, lang));
    setShown({ value, lang });
  }

  const parsed = parseDateText(text);
  const emit = (next: string) => {
    setShown({ value: next, lang });
    onChange(next);
  };
  const change = (next: string) => {
    setText(next);
    const p = parseDateText(next);
    emit(p.kind === 'date' ? p.iso : p.kind === 'empty' ? '' : next.trim());
  };
  const own = touched ? parseError(parsed, t) : undefined;

  return (
    <TextInput
      {...rest}
      label={label}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('forms.datePlaceholder')}
      onChange={(e) => {
        if (touched && parseDateText(e.currentTarget.value).kind !== 'error') setTouched(false);
        change(e.currentTarget.value);
      }}
      onBlur={(e) => {
        setTouched(true);
        // «1.2.2027» reads back as «01.02.2027»
        if (parsed.kind === 'date') setText(formatDateText(parsed.iso, lang));
        rest.onBlur?.(e);
      }}
      error={own ?? error}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={open} onChange={setOpen} position="bottom-end" withinPortal trapFocus>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('forms.openCalendar')}
              onClick={() => setOpen((o) => !o)}
              disabled={rest.disabled}
            >
              <IconCalendar size={18} aria-hidden />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={parsed.kind === 'date' ? parsed.iso : null}
              defaultDate={parsed.kind === 'date' ? parsed.iso : undefined}
              minDate={min || undefined}
              maxDate={max || undefined}
              onChange={(iso) => {
                if (!iso) return;
                setText(formatDateText(iso, lang));
                setTouched(false);
                emit(iso);
                setOpen(false);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

function parseError(
  p: ParsedDate,
  t: (k: string, o?: Record<string, unknown>) => string,
): string | undefined {
  if (p.kind !== 'error') return undefined;
  if (p.reason === 'notReal') return t('forms.dateNotReal');
  if (p.reason === 'range') return t('forms.dateRange');
  return t('forms.dateFormat', { example: t('forms.dateExample') });
}
