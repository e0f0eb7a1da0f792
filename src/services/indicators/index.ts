/** Indicators of measures: targets per period, actuals from approved reports, the values check. */
export { createIndicator } from './create';
export { indicatorSeries, listIndicators } from './read';
export { deleteIndicator, updateIndicator } from './update';
export { checkIndicatorValues } from './values';
