import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit tests live next to the code (`*.test.ts` / `*.test.tsx`).
// Component tests opt into a DOM with a `// @vitest-environment happy-dom` comment.
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mjs}', 'lab/**/*.test.{ts,mjs}'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
