// ESLint flat config: type-aware TypeScript rules, zero warnings (see package.json "lint").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '**/*.astro',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // Template literals with numbers are how the site formats figures; forbidding them adds noise.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Non-null assertions are allowed only where an index was bounds-checked just before; the
      // strictest tsconfig's noUncheckedIndexedAccess makes them common in tight simulation loops.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The simulation layer is pure: no UI framework, no browser or Node globals, no I/O.
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['preact', 'preact/*', '@preact/*'], message: 'src/sim is framework-free.' },
            { group: ['astro', 'astro:*', 'astro/*'], message: 'src/sim is framework-free.' },
            { group: ['@webcontainer/*'], message: 'src/sim is framework-free.' },
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'src/sim does no I/O.' },
            {
              group: ['**/widgets/**', '**/components/**', '**/runtime/**'],
              message: 'src/sim must not depend on UI layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'localStorage',
          'sessionStorage',
          'navigator',
          'location',
          'fetch',
          'process',
        ].map((name) => ({ name, message: 'src/sim is pure: pass this in instead.' })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use createRandom(seed) from src/sim/random.ts.',
        },
      ],
    },
  },
);
