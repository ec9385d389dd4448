/**
 * What an embedding app calls. What adapter authors need (the storage port, its records, the
 * pure decisions and the journal's hashing) is `@allot/core/port` (entry-port.ts).
 *
 * @module core
 */
export { createManualClock, type ManualClock } from './clock';
export { CSV_COLUMNS, csvHeader, csvRow, neutraliseCell, toCsv } from './csv';
export type { AllocationResult } from './decide/allocation';
export type {
  ConsumeManyResult,
  UsageEventError,
  UsageEventFailure,
  UsageEventOutcome,
  UsageEventSuccess,
} from './decide/batch';
export type { CaptureResult, HoldResult, TopUpResult } from './decide/holds';
export type { EnrollResult } from './decide/membership';
export { claimableDomains, isPublicEmailDomain } from './decide/public-domains';
export type { ApprovalResult } from './decide/requests';
export type { ConsumeResult, RefundResult } from './decide/usage';
export {
  type AllocationBelowUsageError,
  type AllotError,
  type AllotErrorCode,
  type AllotErrorOf,
  type ConflictError,
  errors,
  type FieldIssue,
  type ForbiddenError,
  fromZodError,
  type HoldNotActiveError,
  type IdempotencyConflictError,
  type InsufficientCreditsError,
  type InsufficientPoolError,
  isAllotError,
  type NotFoundError,
  type OutcomeUnknownError,
  type PeriodClosedError,
  type RequestNotPendingError,
  type StoreUnavailableError,
  type ValidationError,
} from './errors';
export { AllotFailure, isAllotFailure, orThrow } from './failure';
export { createIdGenerator, type IdGenerator } from './ids';
export type {
  ChainBreak,
  ChainBreakReason,
  ChainHead,
  JournalKey,
  JournalVerification,
} from './journal-chain';
export type { JournalHead } from './journal-head';
export { FORBIDDEN_KEYS, forbiddenKeyIssues, parseInput } from './parse-input';
export type { AllotStore } from './port';
export * from './schemas/actor';
export * from './schemas/commands';
export * from './schemas/events';
export * from './schemas/holds';
export * from './schemas/primitives';
export * from './schemas/queries';
export * from './schemas/records';
export type {
  Allot,
  AllotCall,
  AllotCommand,
  AllotMethod,
  AllotMethodError,
  AllotRead,
  CommandErrorCode,
  ReadErrorCode,
} from './service/allot';
export { type AllotOptions, createAllot } from './service/create-allot';
export type { AllotEventHandler, EventBus, EventOptions } from './service/events';
export type { WithActor } from './service/runtime';
