/** Roadmap imports: the file in (dry run or saved), and the column mapping saved per roadmap. */
export { getImportMapping, saveImportMapping } from './mapping';
export { type ImportFile, type ImportOptions, importRoadmap } from './run';
