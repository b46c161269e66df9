/** The provider id this package registers: `LOOPLY_ASSEMBLY_PROVIDER=shotstack`, callbacks at `/api/v1/webhooks/shotstack`. */
export const SHOTSTACK_PROVIDER_ID = 'shotstack';
