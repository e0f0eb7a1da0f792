/**
 * The timeline's colours, in one place so that the chart and its legend cannot drift apart:
 * every colour the chart draws is named in the legend (a test checks it).
 */
import type { MeasureStatus } from '../../../contracts';

/** Each status: the bar's track and its progress strip. */
export const STATUS_FILL: Record<MeasureStatus, { track: string; done: string }> = {
  not_started: { track: '#ced4da', done: '#495057' },
  in_progress: { track: '#a5d8ff', done: '#1c5ea8' },
  completed: { track: '#8ce99a', done: '#2b8a3e' },
  cancelled: { track: '#e9ecef', done: '#868e96' },
};

/** Overdue bars: hatched light red, outlined, with a red "!" disc. */
export const OVERDUE = { fill: '#ffe3e3', stroke: '#c92a2a' };
/** At-risk bars: an amber triangle with a "!". */
export const AT_RISK = { fill: '#fab005', stroke: '#5c3c00' };
/** The today line. */
export const TODAY = { stroke: '#d6336c', text: '#a61e4d' };
