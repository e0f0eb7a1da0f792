/**
 * Logical backup and restore of the whole database (`accord export FILE` / `accord import
 * FILE`); the file format is src/documents/backup/.
 */
export { type ExportSummary, exportDatabase } from './export';
export { type ImportSummary, importDatabase } from './import';
export { type BackupTable, backupTables, EXCLUDED_TABLES, migrationLevel } from './tables';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type MigrationLevel,
} from '../../documents/backup/format';
