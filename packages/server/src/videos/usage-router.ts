import { Router } from 'express';
import { currentUser, type Authenticator } from '../auth/authenticator.js';
import type { QuotaChecker } from './quota-checker.js';

/** `/usage`: the caller's quota use today against their limits (the studio shows "quota left"). */
export function createUsageRouter(dependencies: { quotas: QuotaChecker; authenticator: Authenticator }): Router {
  const router = Router();
  router.use(dependencies.authenticator.requireUser.bind(dependencies.authenticator));
  router.get('/', async (_request, response) => {
    response.json(await dependencies.quotas.usageOf(currentUser(response).id));
  });
  return router;
}
