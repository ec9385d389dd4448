import type { Route } from '../route';
import { holdCommandRoutes, holdReadRoutes } from './holds';
import { ledgerRoutes } from './ledger';
import { meRoutes } from './me';
import { memberRoutes } from './members';
import { requestRoutes } from './requests';
import { settingsRoutes } from './settings';
import { topUpRoutes } from './top-ups';
import { usageRoutes } from './usage';

/** The route table: every route the router serves, in the order it matches them. */
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
