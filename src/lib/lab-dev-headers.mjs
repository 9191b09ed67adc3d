// An Astro integration for `astro dev`: sends the live lab's cross-origin isolation headers
// (COOP same-origin + COEP require-corp) on /lab/ pages only, as scripts/postbuild.mjs does for
// the built site in dist/_headers. Everything else is served as before, so chapters stay
// non-isolated. Add it in astro.config.mjs: `integrations: [mdx(), preact(), labDevHeaders()]`.
// See docs/adr/0004-webcontainer-lab-opt-in.md.

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

export function labDevHeaders() {
  return {
    name: 'fdl-lab-dev-headers',
    hooks: {
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
