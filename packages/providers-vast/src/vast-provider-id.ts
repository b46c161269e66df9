/** The provider id this package registers: `LOOPLY_VISUAL_PROVIDER=vast`, webhooks at `/api/v1/webhooks/vast`. */
export const VAST_PROVIDER_ID = 'vast';
