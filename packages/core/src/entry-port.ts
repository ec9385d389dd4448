/**
 * `@allot/core/port`: what adapter authors and the testkit need — the storage port and its
 * records, the errors a store throws, the pure decisions, the journal's hashing and the ledger's
 * helpers. An embedding app needs only `@allot/core`.
 *
 * @module port
 */
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
export { CommitOutcomeUnknown, isCommitOutcomeUnknown } from './commit-outcome';
export { type Cursor, decodeCursor, encodeCursor } from './cursor';
export { memberAlertUpdate, poolAlertUpdate } from './decide/alerts';
export { decideAssign, decideRemoveMember, decideRevoke } from './decide/allocation';
export {
  type AccessPolicy,
  authorize,
  authorizeApproval,
  authorizeCancel,
  authorizePoolChange,
  authorizeSettingsChange,
  DEFAULT_ACCESS_POLICY,
  type Principal,
  type Requirement,
} from './decide/authorize';
export { decideConsumeMany, type UsageEventToDecide } from './decide/batch';
export { completeChanges, completeDecision } from './decide/complete';
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
  decideCapture,
  decideRelease,
  decideReserve,
  decideTopUp,
  expireDueHolds,
  releaseHolds,
} from './decide/holds';
export { decideEnroll, decideSetRole, emailDomain } from './decide/membership';
export {
  type Claims,
  changedSettings,
  decideCreateOrganization,
  decideUpdateSettings,
  type NewOrganization,
  type SettingsPatch,
} from './decide/organization';
export { decideApproveRequest, decideCloseRequest, decideSubmitRequest } from './decide/requests';
export { decideRollover } from './decide/rollover';
export { decideConsume, decideRefund } from './decide/usage';
export { computeBalance, computeOverview, healthOf, reachesPercent, usagePercentOf } from './decide/views';
export { AbortTransaction } from './errors';
export { fingerprint } from './fingerprint';
export { GENESIS_HASH, hashEntry } from './journal-chain';
export { journalHeadDigest, makeJournalHead } from './journal-head';
export {
  addToSummary,
  compareNewestFirst,
  EMPTY_SUMMARY,
  isAfterCursor,
  matchesLedgerFilter,
} from './ledger';
export { isPeriodOver, periodContaining } from './period';
export * from './port';
export { GLOBAL_SCOPE } from './service/runtime';
export { toOrganization } from './service/views';
