export {
  type ChainChecker,
  type ChainCheckOptions,
  compareChainPositions,
  compareIds,
  createChainChecker,
  findChainBreaks,
  type SavedChainHead,
  verifyChains,
} from './chain-checker';
export { createManualClock, type ManualClock } from './clock';
export { CommitOutcomeUnknown, isCommitOutcomeUnknown } from './commit-outcome';
export { CSV_COLUMNS, csvHeader, csvRow, neutraliseCell, toCsv } from './csv';
export { type Cursor, decodeCursor, encodeCursor } from './cursor';
export { memberAlertUpdate, poolAlertUpdate } from './decide/alerts';
export type { AllocationResult } from './decide/allocation';
export { decideAssign, decideRemoveMember, decideRevoke } from './decide/allocation';
export {
  type AccessPolicy,
  authorize,
  authorizeApproval,
  authorizePoolChange,
  authorizeSettingsChange,
  DEFAULT_ACCESS_POLICY,
  type Principal,
  type Requirement,
} from './decide/authorize';
export {
  activeAlerts,
  type DecisionContext,
  poolOf,
  remainingOf,
  toMember,
  unallocatedOf,
} from './decide/context';
export type { Decision, DecisionResult } from './decide/decision';
export {
  type CaptureResult,
  decideCapture,
  decideRelease,
  decideReserve,
  decideTopUp,
  expireDueHolds,
  type HoldResult,
  releaseHolds,
  type TopUpResult,
} from './decide/holds';
export { decideEnroll, decideSetRole, type EnrollResult, emailDomain } from './decide/membership';
export {
  changedSettings,
  decideCreateOrganization,
  decideUpdateSettings,
  type NewOrganization,
  type SettingsPatch,
} from './decide/organization';
export { claimableDomains, isPublicEmailDomain } from './decide/public-domains';
export {
  type ApprovalResult,
  decideApproveRequest,
  decideCloseRequest,
  decideSubmitRequest,
} from './decide/requests';
export { decideRollover } from './decide/rollover';
export { type ConsumeResult, decideConsume, decideRefund, type RefundResult } from './decide/usage';
export { computeBalance, computeOverview, healthOf, reachesPercent, usagePercentOf } from './decide/views';
export * from './errors';
export { AllotFailure, isAllotFailure, orThrow } from './failure';
export { fingerprint } from './fingerprint';
export { createIdGenerator, type IdGenerator } from './ids';
export {
  type ChainBreak,
  type ChainBreakReason,
  type ChainHead,
  GENESIS_HASH,
  hashEntry,
  type JournalKey,
  type JournalVerification,
} from './journal-chain';
export { type JournalHead, journalHeadDigest, makeJournalHead } from './journal-head';
export {
  addToSummary,
  compareNewestFirst,
  EMPTY_SUMMARY,
  isAfterCursor,
  matchesLedgerFilter,
} from './ledger';
export { FORBIDDEN_KEYS, forbiddenKeyIssues, parseInput } from './parse-input';
export { isPeriodOver, periodContaining } from './period';
export * from './port';
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
export { GLOBAL_SCOPE, type WithActor } from './service/runtime';
export { toOrganization } from './service/views';
