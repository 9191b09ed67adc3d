// The live lab's Astro integration (docs/adr/0004-webcontainer-lab-opt-in.md). Register it in
// astro.config.mjs: `integrations: [mdx(), preact(), labIntegration()]`. It does two things:
//
// 1. `astro dev`: sends the lab's cross-origin isolation headers (COOP same-origin + COEP
//    require-corp) on /lab/ pages only, as scripts/postbuild.mjs does for the built site in
//    dist/_headers; every other page is served as before, so chapters stay non-isolated.
// 2. FDL_LAB=off: the /lab/ page is already not generated (src/pages/lab/[...lab].astro), but
//    Vite would still emit its island and the @webcontainer/api chunk as orphan files; this
//    swaps the island for an empty component so no lab or WebContainer code is built at all.

/** The headers, the same values as LAB_HEADERS in scripts/postbuild.mjs. */
export const LAB_DEV_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** True for the lab page and anything under it (with or without the trailing slash). */
export function isLabPath(url) {
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  return pathname === '/lab' || pathname.startsWith('/lab/');
}

/** True when the build flag turns the lab off. */
export function isLabOff(env = process.env) {
  return env.FDL_LAB === 'off';
}

const LIVE_LAB_MODULE = /[\\/]src[\\/]widgets[\\/]LiveLab[\\/]LiveLab\.tsx$/;

/** Vite plugin: with the lab off, the LiveLab island module becomes an empty component. */
export function labOffPlugin() {
  return {
    name: 'fdl-lab-off',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0] ?? id;
      return LIVE_LAB_MODULE.test(file)
        ? 'export default function LiveLab() { return null; }\n'
        : null;
    },
  };
}

export function labIntegration({ env = process.env } = {}) {
  return {
    name: 'fdl-lab',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        if (isLabOff(env)) updateConfig({ vite: { plugins: [labOffPlugin()] } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          if (isLabPath(req.url)) {
            for (const [name, value] of Object.entries(LAB_DEV_HEADERS)) res.setHeader(name, value);
          }
          next();
        });
      },
    },
  };
}
