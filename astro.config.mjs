// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { satteri } from '@astrojs/markdown-satteri';
import { headingAnchors } from './src/lib/heading-anchors.mjs';
import { labIntegration } from './src/lib/lab-integration.mjs';

/**
 * Static output only. Content lives in the top-level `content/` folder (docs/adr/0001).
 * The Content-Security-Policy is written after the build by scripts/postbuild.mjs
 * (docs/adr/0005), because it must hash Astro's inline island loader and allow Pagefind's
 * WebAssembly.
 *
 * FDL_LAB=off removes the WebContainer lab from the build (docs/adr/0004).
 */
export default defineConfig({
  site: process.env.FDL_SITE ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx(), preact(), labIntegration()],
  devToolbar: { enabled: false },
  prefetch: false,
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      wrap: false,
    },
    processor: satteri({ hastPlugins: [headingAnchors()] }),
  },
  vite: {
    build: { assetsInlineLimit: 0 },
    worker: { format: 'es' },
  },
});
