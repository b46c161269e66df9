import { COMMON_AUTH_ERRORS, ERROR, type ApiRoute } from '../openapi/api-route.js';

/** `/api/v1/auth`: register, login, me, logout, password. */
export const AUTH_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/v1/auth/register',
    summary: 'Create an account',
    tag: 'auth',
    auth: false,
    body: 'RegisterRequest',
    responses: {
      201: { description: 'Created', schema: 'UserEnvelope' },
      400: ERROR('Invalid email or password (8–128 characters)'),
      409: ERROR('Email already registered'),
      429: ERROR('Too many attempts'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in: returns a JWT',
    tag: 'auth',
    auth: false,
    body: 'LoginRequest',
    responses: {
      200: { description: 'Logged in', schema: 'TokenResponse' },
      400: ERROR('Malformed body'),
      401: ERROR('Email or password is incorrect'),
      429: ERROR('Too many attempts or failed logins'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The caller',
    tag: 'auth',
    auth: true,
    responses: { 200: { description: 'The caller', schema: 'UserEnvelope' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: "Revoke every one of the caller's tokens",
    tag: 'auth',
    auth: true,
    responses: { 204: { description: 'Revoked' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change the password (revokes older tokens, returns a new one)',
    tag: 'auth',
    auth: true,
    body: 'ChangePasswordRequest',
    responses: {
      200: { description: 'Changed', schema: 'TokenResponse' },
      400: ERROR('Invalid new password'),
      ...COMMON_AUTH_ERRORS,
    },
  },
];
