export { type CsvSource, sniffEncoding } from './csv';
export { type DateContext, type DateOrder, inferDateOrder, parseCrmDate } from './dates';
export { FIELD_LABELS, IDENTITY_FIELDS, IMPORT_FIELDS, type ImportField, REPEATABLE_FIELDS } from './fields';
export {
  DEFAULT_BATCH_ROWS,
  DEFAULT_CHUNK_BYTES,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  ImportWriteError,
  importCsv,
  MAX_REPORTED,
  type RejectedRow,
  type RowWarning,
} from './import';
export {
  eventTypeFor,
  fieldForHeader,
  type ImportMapping,
  type ImportMappingInput,
  ImportMappingSchema,
  normalizeName,
  stageFor,
} from './mapping';
export {
  detectPreset,
  type ImportPreset,
  type MappingSuggestion,
  PRESET_IDS,
  PRESETS,
  type PresetId,
  suggestMapping,
} from './presets';
export { type CsvPreview, readCsvPreview } from './preview';
export { ImportFileError } from './rows';
export {
  deleteMapping,
  listMappings,
  loadMapping,
  MAPPING_KEY_PREFIX,
  MappingSourceSchema,
  saveMapping,
} from './saved-mappings';
