import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-hasher.js';

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const registerBodySchema = z.strictObject({ email: z.string().trim().pipe(z.email().max(254)), password });

/** Login does not repeat the password rules (no hints), but refuses oversized input before hashing. */
export const loginBodySchema = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: password,
});

export const userResponseSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  displayName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const userEnvelopeSchema = z.object({ user: userResponseSchema });

export const tokenResponseSchema = z.object({
  token: z.string().meta({ description: 'HS256 JWT; send as `Authorization: Bearer <token>`' }),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
  user: userResponseSchema,
});

export function toUserResponse(user: {
  id: string;
  email: string;
  displayName?: string | null;
  createdAt: Date;
}): z.infer<typeof userResponseSchema> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
