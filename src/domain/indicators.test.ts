import { describe, expect, it } from 'vitest';
import { IndicatorNumber } from '../contracts/indicators';
import { valueProblem } from './indicators';

describe('indicator numbers', () => {
  it.each([
    ['percent', 0, true],
    ['percent', 100, true],
    ['percent', 100.5, false],
    ['percent', -1, false],
    ['tonnes', 2.5e6, true],
    ['tonnes', -3, false],
    ['index', -12, true],
    ['days', Number.NaN, false],
    ['count', Number.POSITIVE_INFINITY, false],
  ] as const)('%s %d fits: %s', (unit, value, fits) => {
    expect(valueProblem(unit, value) === null).toBe(fits);
  });

  it.each([
    [12.5, 12.5],
    ['12,5', 12.5],
    [' 7.25 ', 7.25],
    ['-3', -3],
    ['−4,5', -4.5],
  ] as const)('reads %j as %d', (input, value) => {
    expect(IndicatorNumber.parse(input)).toBe(value);
  });

  it.each(['12,5,1', 'abc', '', '1e5', '12.'])('refuses %j', (input) => {
    expect(IndicatorNumber.safeParse(input).success).toBe(false);
  });

  it('refuses infinities given as numbers', () => {
    expect(IndicatorNumber.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });
});
