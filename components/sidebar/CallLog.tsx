// The call log lives in ./call-log/ (form, list, the pure draft rules); importers keep this path.
export { CallLog, type CallLogProps } from './call-log/CallLog';
