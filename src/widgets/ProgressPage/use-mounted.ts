/**
 * False during server rendering and the first client render, true right after mount.
 *
 * The training islands render their content only once mounted: Preact's hydration keeps the
 * server's text nodes as they are, so JSX with text next to an expression (`{n}. title`), which
 * the server prints as one text node, would be hydrated into duplicated text. Rendering after
 * mount builds fresh nodes instead; the server output is a short placeholder.
 */
import { useEffect, useState } from 'preact/hooks';

export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    setMounted(true);
  }, []);
  return mounted;
}
