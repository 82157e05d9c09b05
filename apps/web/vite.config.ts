import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const server = process.env.SPAFLOW_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // The workspace packages are used from their TypeScript sources (package.json condition "source").
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // `npm run dev -w @spaflow/web` serves the screens with hot reload against a running server.
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    // Modules run in source order whatever chunk they land in: main.tsx's first import (csp-safe-zod)
    // must run before any shared chunk defines a schema.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
});
