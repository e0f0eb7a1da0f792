/**
 * How many items a list answer holds, as a person reads it. Measure lists stop counting at
 * 10,000 (`totalIsExact: false`, `total` then a floor): the number then reads «более 10 000».
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';

/** The fields of a list answer that say how many match. */
export interface ListTotal {
  total: number;
  totalIsExact?: boolean;
}

/** A function that words a list's total in the reader's language. */
export function useTotalText(): (answer: ListTotal) => string {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return useCallback(
    ({ total, totalIsExact }: ListTotal) =>
      totalIsExact === false ? t('listing.moreThan', { total: formatNumber(total) }) : formatNumber(total),
    [t, formatNumber],
  );
}
