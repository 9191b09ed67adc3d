// A Sätteri hast plugin (Astro 7's default Markdown/MDX processor runs hast plugins, not
// rehype plugins). It gives every heading the same github-slugger id Astro would, and appends
// a "#" link to h2–h4 so a reader can copy a stable link to that section. Astro's own
// heading-ids step keeps an id that is already set, so the table of contents agrees.
// The link has no text of its own (the "#" is drawn by CSS) so heading text and slugs are
// unchanged; its accessible name comes from aria-label.
import Slugger from 'github-slugger';

export function headingAnchors() {
  return () => {
    const slugger = new Slugger();
    return {
      name: 'heading-anchors',
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        /** @param {any} node @param {any} ctx */
        visit(node, ctx) {
          const text = String(ctx.textContent(node)).trim();
          const existing = node.properties?.id;
          const id = typeof existing === 'string' ? existing : slugger.slug(text);
          if (typeof existing !== 'string') ctx.setProperty(node, 'id', id);
          if (!/^h[2-4]$/.test(node.tagName)) return;
          ctx.appendChild(node, {
            type: 'element',
            tagName: 'a',
            properties: {
              className: ['heading-anchor'],
              href: `#${id}`,
              ariaLabel: `Link to section: ${text}`,
              dataAnchor: '',
            },
            children: [],
          });
        },
      },
    };
  };
}
