import { ASPECT_RATIOS, languageTagSchema, STYLE_IDS } from '@looply/core';
import { z } from 'zod';
import type { UserAccount } from '../persistence/user-account-entity.js';

export const profileResponseSchema = z.object({
  displayName: z.string().nullable(),
  defaultLanguage: z.string().nullable(),
  defaultVoice: z.string().nullable(),
  defaultStyle: z.enum(STYLE_IDS).nullable(),
  defaultAspectRatio: z.enum(ASPECT_RATIOS).nullable(),
  callbackSigningSecret: z
    .string()
    .meta({ description: 'Standard Webhooks secret (`whsec_…`) that signs your callbacks' }),
});

/** Every field optional; `null` clears a default. */
export const profilePatchSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).nullable().optional(),
  defaultLanguage: languageTagSchema.nullable().optional(),
  defaultVoice: z.string().min(1).max(100).nullable().optional(),
  defaultStyle: z.enum(STYLE_IDS).nullable().optional(),
  defaultAspectRatio: z.enum(ASPECT_RATIOS).nullable().optional(),
});

export function toProfileResponse(user: UserAccount): z.infer<typeof profileResponseSchema> {
  return {
    displayName: user.displayName ?? null,
    defaultLanguage: user.defaultLanguage ?? null,
    defaultVoice: user.defaultVoice ?? null,
    defaultStyle: user.defaultStyle ?? null,
    defaultAspectRatio: user.defaultAspectRatio ?? null,
    callbackSigningSecret: user.callbackSecret,
  };
}
