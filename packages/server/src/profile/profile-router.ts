import { Router } from 'express';
import { currentUser, type Authenticator } from '../auth/authenticator.js';
import type { UserStore } from '../auth/user-store.js';
import { HttpError } from '../app/http-error.js';
import { parseBody } from '../app/validate.js';
import { profilePatchSchema, toProfileResponse } from './profile-schemas.js';

/** `/profile`: the caller's brief defaults and callback signing secret. */
export function createProfileRouter(dependencies: { users: UserStore; authenticator: Authenticator }): Router {
  const { users, authenticator } = dependencies;
  const router = Router();
  router.use(authenticator.requireUser.bind(authenticator));

  router.get('/', async (_request, response) => {
    const user = await users.findById(currentUser(response).id);
    if (!user) throw new HttpError(401, 'unauthorized', 'The token belongs to no user');
    response.json(toProfileResponse(user));
  });

  router.patch('/', async (request, response) => {
    const changes = parseBody(profilePatchSchema, request);
    const user = await users.updateProfile(currentUser(response).id, changes);
    if (!user) throw new HttpError(401, 'unauthorized', 'The token belongs to no user');
    response.json(toProfileResponse(user));
  });

  return router;
}
