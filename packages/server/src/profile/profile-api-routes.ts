import { COMMON_AUTH_ERRORS, ERROR, type ApiRoute } from '../openapi/api-route.js';

/** `/api/v1/profile`: the caller's brief defaults. */
export const PROFILE_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/v1/profile',
    summary: "The caller's profile (brief defaults, callback signing secret)",
    tag: 'profile',
    auth: true,
    responses: { 200: { description: 'Profile', schema: 'Profile' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'patch',
    path: '/api/v1/profile',
    summary: 'Change brief defaults (null clears one)',
    tag: 'profile',
    auth: true,
    body: 'ProfilePatch',
    responses: {
      200: { description: 'Profile', schema: 'Profile' },
      400: ERROR('Invalid field'),
      ...COMMON_AUTH_ERRORS,
    },
  },
];
