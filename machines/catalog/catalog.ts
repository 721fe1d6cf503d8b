/**
 * What exists (§1-4, §1-5): the CPU models and communication units the course covers, which
 * of them fit together, and which security functions a given rack offers. Pure data and
 * lookups; the request path and the labs read it, nothing here changes state.
 *
 * Callers import from this file; its parts are `models.ts` (models, units, combinations),
 * `availability.ts` (the §1-5 tables and what a rack offers) and `advice.ts` (Secure Comm
 * conditions, replacement advice).
 */
export {
  checkCombination,
  type CombinationCheck,
  COMM_UNIT_IDS,
  COMM_UNITS,
  type CommUnitInfo,
  CPU_MODEL_IDS,
  CPU_MODELS,
  type CpuModelInfo,
  type CpuSeries,
  type ManualNo,
} from './models.ts';
export {
  type Availability,
  AVAILABILITY,
  type AvailabilityColumn,
  type AvailabilityRow,
  type AvailabilityTable,
  availabilityText,
  type FunctionOffer,
  functionsOffered,
  TABLE_1_5_1,
  TABLE_1_5_2,
} from './availability.ts';
export { type AdviceStep, type ReplacementAdvice, replacementAdvice, type SecureCommPossibility, secureCommPossibility } from './advice.ts';
