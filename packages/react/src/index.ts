export { type AllotClient, type CallOptions, type CsvFile, createAllotClient } from './client';
export { filenameFrom } from './content-disposition';
export { type DownloadCsvOptions, useDownloadCsv } from './hooks/download-csv';
export { useCapture, useHolds, useMyHolds, useRelease, useReserve } from './hooks/holds';
export { type LedgerHookOptions, type LedgerQueryResult, useLedger, useMyLedger } from './hooks/ledger';
export type { DataOf, MutationOptions, MutationResult, VariablesOf } from './hooks/mutation';
export {
  useApproveRequest,
  useAssign,
  useCancelRequest,
  useRejectRequest,
  useRemoveMember,
  useRevoke,
  useSetRole,
  useSubmitRequest,
  useTopUp,
  useUpdateSettings,
} from './hooks/mutations';
export {
  type QueryOptions,
  useBalance,
  useMembers,
  useMyRequests,
  useOverview,
  useRequests,
  useSettings,
  useSummary,
} from './hooks/queries';
export { AllotHttpError, isAllotHttpError } from './http-error';
export { invalidates, type MutationName } from './invalidation';
export type * from './params';
export type { AllotProblem } from './problem';
export { AllotProvider, type AllotProviderProps, useAllotClient } from './provider';
export { allotKeys, type QueryGroup } from './query-keys';
export { saveFile } from './save-file';
export type { AllotClientOptions, HeadersOption } from './transport';
