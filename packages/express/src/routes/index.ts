import type { Route } from '../route';
import { ledgerRoutes } from './ledger';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { requestRoutes } from './requests';
import { settingsRoutes } from './settings';
import { usageRoutes } from './usage';

/** The route table: every route the router serves, in the order it matches them. */
export function allotRoutes(options: { usageRoutes: boolean }): Route[] {
  return [
    ...memberRoutes,
    ...settingsRoutes,
    ...requestRoutes,
    ...ledgerRoutes,
    ...meRoutes,
    ...(options.usageRoutes ? usageRoutes : []),
  ];
}
