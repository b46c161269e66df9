import { testVisualProvider } from '@looply/core/testing';
import { createLocalVisualProvider } from './local-visual-provider.js';

testVisualProvider({
  title: 'local visual provider conformance (JPEG)',
  createProvider: () => createLocalVisualProvider(),
});
testVisualProvider({
  title: 'local visual provider conformance (PNG, 16:9)',
  createProvider: () => createLocalVisualProvider({ format: 'png' }),
  output: { width: 1920, height: 1080, fps: 30 },
});
