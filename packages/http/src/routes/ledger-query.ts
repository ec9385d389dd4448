import { ledgerFilterSchema, ledgerInput } from '@allot/core';
import { z } from 'zod';

const { shape } = ledgerFilterSchema;
/** The core's own cross-field rules of a ledger filter (`from` must not be after `to`). */
const filterChecks = ledgerFilterSchema.def.checks ?? [];
const page = { cursor: ledgerInput.shape.cursor, limit: ledgerInput.shape.limit };

/** `?userId&type&from&to`: the core's ledger filter, flat in the query string. */
export const filterQuery = ledgerFilterSchema;

/** `?userId&type&from&to&cursor&limit` */
export const ledgerQuery = ledgerFilterSchema.extend(page);

const ownLedgerShape = z.object({ type: shape.type, from: shape.from, to: shape.to, ...page });
/** `?type&from&to&cursor&limit`: the caller's own ledger, so no `userId`. The core's checks run on it unchanged. */
export const ownLedgerQuery = ownLedgerShape.check(
  ...(filterChecks as z.core.$ZodCheck<z.output<typeof ownLedgerShape>>[]),
);

/** `type` may repeat (`?type=usage&type=refund`) besides being comma-separated. */
export const repeatableFilterKeys = ['type'] as const;
