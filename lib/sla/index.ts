export {
  addBusinessHours,
  type BusinessCalendar,
  businessMsBetween,
  type SlaStatus,
  slaStatus,
} from './business-hours';
