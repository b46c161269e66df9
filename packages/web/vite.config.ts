import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `pnpm dev` proxies the API to a local `looply serve` (LOOPLY_API_URL, default http://localhost:3000). */
const api = process.env.LOOPLY_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/api': api, '/openapi.json': api, '/docs': api } },
});
