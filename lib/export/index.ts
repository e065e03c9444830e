export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  BackupError,
  BackupHeaderSchema,
  BackupLineSchema,
  backupBlob,
  backupFileName,
  backupParts,
  type RestoreOptions,
  restoreBackup,
  validateBackup,
} from './backup';
export { type CsvCell, csvLines, FORMULA_START, UTF8_BOM } from './csv';
export { leadCsvRow, type LeadsCsvOptions, leadsCsvBlob, leadsCsvChunks, leadsCsvHeader } from './leads-csv';
export { rejectedRowsCsv } from './rejected-csv';
