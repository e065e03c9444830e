export {
  addBusinessHours,
  type BusinessCalendar,
  businessMsBetween,
  localDate,
  type SlaStatus,
  slaStatus,
  wallTimeToInstant,
} from './business-hours';
