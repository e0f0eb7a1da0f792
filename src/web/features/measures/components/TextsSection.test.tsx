import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test-utils';
import { buildMeasure } from '../../roadmap/testing';
import { type FormValues, valuesOf } from '../editForm';
import { TextsSection } from './TextsSection';

function Harness() {
  const [values, setValues] = useState<FormValues>(() => valuesOf(buildMeasure('1')));
  return (
    <TextsSection
      values={values}
      set={(k, v) => setValues((prev) => ({ ...prev, [k]: v }))}
      errAt={() => undefined}
      errors={{}}
      // the title only: jsdom lacks document.fonts, which the autosizing description box reads
      may={(f) => f === 'title'}
    />
  );
}

const russianTitle = () =>
  screen.getByRole('textbox', { name: /Название \(на русском\)/ }) as HTMLInputElement;

describe('length limits of the measure texts', () => {
  it('keeps a pasted 3,000-character title whole and says it is over the limit of 500', () => {
    renderWithProviders(<Harness />);
    const input = russianTitle();
    expect(input).not.toHaveAttribute('maxlength');
    fireEvent.change(input, { target: { value: 'а'.repeat(3000) } });
    expect(input.value).toHaveLength(3000);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Не длиннее 500 символов, сейчас 3 000')).toBeVisible();
  });

  it('shows the count near the limit, and nothing for a short title', () => {
    renderWithProviders(<Harness />);
    const input = russianTitle();
    expect(screen.queryByText(/из 500 символов/)).toBeNull();
    fireEvent.change(input, { target: { value: 'б'.repeat(450) } });
    expect(screen.getByText('450 из 500 символов')).toBeVisible();
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
  });
});
