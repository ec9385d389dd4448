import type { Route } from '../route';
import { holdCommandRoutes, holdReadRoutes } from './holds';
import { ledgerRoutes } from './ledger';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { requestRoutes } from './requests';
import { settingsRoutes } from './settings';
import { topUpRoutes } from './top-ups';
import { usageRoutes } from './usage';

/**
 * The route table: every route the handler serves, in the order it matches them (for adapters,
 * tests and tools that walk the API).
 *
 * @example
 * ```ts
 * for (const route of allotRoutes({ usageRoutes: true })) console.log(route.method, route.path);
 * ```
 */
export function allotRoutes(options: { usageRoutes: boolean }): Route[] {
  return [
    ...memberRoutes,
    ...settingsRoutes,
    ...topUpRoutes,
    ...requestRoutes,
    ...ledgerRoutes,
    ...meRoutes,
    ...holdReadRoutes,
    ...(options.usageRoutes ? [...usageRoutes, ...holdCommandRoutes] : []),
  ];
}
