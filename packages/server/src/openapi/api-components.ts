import {
  adminJobDetailSchema,
  adminJobListSchema,
  adminSessionSchema,
  adminUserListSchema,
  adminUserPatchSchema,
  adminUserSchema,
  analyticsSchema,
} from '../admin/admin-schemas.js';
import { quotaUsageSchema } from '../videos/usage-schema.js';
import { errorBodySchema } from '../app/error-body.js';
import {
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  tokenResponseSchema,
  userEnvelopeSchema,
  userResponseSchema,
} from '../auth/auth-schemas.js';
import { profilePatchSchema, profileResponseSchema } from '../profile/profile-schemas.js';
import { healthResponseSchema } from '../system/health-check.js';
import { videoListResponseSchema, videoRequestSchema, videoResponseSchema } from '../videos/video-schemas.js';
import {
  templateListResponseSchema,
  templateRequestSchema,
  templateResponseSchema,
} from '../templates/template-schemas.js';

/** Request bodies, by the name the document gives them (`#/components/schemas/<name>`). */
export const REQUEST_SCHEMAS = {
  RegisterRequest: registerBodySchema,
  LoginRequest: loginBodySchema,
  ChangePasswordRequest: changePasswordBodySchema,
  ProfilePatch: profilePatchSchema,
  VideoRequest: videoRequestSchema,
  TemplateRequest: templateRequestSchema,
  AdminUserPatch: adminUserPatchSchema,
} as const;

/** Response bodies, by the name the document gives them. */
export const RESPONSE_SCHEMAS = {
  User: userResponseSchema,
  UserEnvelope: userEnvelopeSchema,
  TokenResponse: tokenResponseSchema,
  Profile: profileResponseSchema,
  Video: videoResponseSchema,
  VideoList: videoListResponseSchema,
  Health: healthResponseSchema,
  Error: errorBodySchema,
  Template: templateResponseSchema,
  TemplateList: templateListResponseSchema,
  QuotaUsage: quotaUsageSchema,
  AdminSession: adminSessionSchema,
  AdminUser: adminUserSchema,
  AdminUserList: adminUserListSchema,
  AdminJobList: adminJobListSchema,
  AdminJobDetail: adminJobDetailSchema,
  Analytics: analyticsSchema,
} as const;

export type ComponentName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;
