import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import type { CsvFile } from '../client';
import type { AllotHttpError } from '../http-error';
import type { LedgerFilterParams } from '../params';
import { useAllotClient } from '../provider';
import { saveFile } from '../save-file';

/**
 * Options of {@link useDownloadCsv}.
 *
 * @example
 * ```tsx
 * const download = useDownloadCsv({ save: (file) => upload(file.blob, file.filename) });
 * ```
 */
export interface DownloadCsvOptions {
  /** What to do with the file; saves it through the browser (see `saveFile`) by default. */
  save?: (file: CsvFile) => void;
}

/**
 * Downloads the ledger over a filter as CSV (exactly the rows the filter selects) and saves it
 * under the server's file name. A mutation, so it runs on demand and changes no cached query.
 *
 * @example
 * ```tsx
 * const download = useDownloadCsv();
 * <button onClick={() => download.mutate({ userId: 'bob', type: ['usage'] })}>Export CSV</button>
 * ```
 */
export function useDownloadCsv(
  options: DownloadCsvOptions = {},
): UseMutationResult<CsvFile, AllotHttpError, LedgerFilterParams> {
  const client = useAllotClient();
  const save = options.save ?? ((file: CsvFile) => saveFile(file));
  return useMutation({
    mutationFn: (filter: LedgerFilterParams) => client.exportLedgerCsv(filter),
    onSuccess: (file) => save(file),
  });
}
