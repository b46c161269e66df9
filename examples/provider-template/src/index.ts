export { acmePlugin as default, acmePlugin } from './acme-plugin.js';
export { createAcmeVisualProvider } from './acme-visual-provider.js';
export { acmeSettingsSchema, type AcmeSettings } from './acme-settings.js';
