/** Roadmap exports: measures as XLSX or CSV (the import's format), and the roadmap as JSON. */
export { exportRoadmapJson } from './json';
export type { ExportQuery } from './rows';
export { type ExportFile, exportMeasures } from './spreadsheets';
