// The rule for external links, shared by the link checker (scripts/check-links.mjs, offline)
// and the unit tests: well-formed https, a host from official-hosts.json, and on github.com
// only issues, pull requests, releases and files at a tag or commit.
import { readFileSync } from 'node:fs';

const { hosts } = JSON.parse(
  readFileSync(new URL('./official-hosts.json', import.meta.url), 'utf8'),
);
const HOSTS = new Set(hosts);
const MOVING_REFS = new Set(['main', 'master', 'HEAD', 'develop', 'trunk']);
const GITHUB_THREAD = /^\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+\/?$/;
const GITHUB_RELEASE = /^\/[\w.-]+\/[\w.-]+\/releases\/tag\/[\w.+-]+$/;
const GITHUB_FILE = /^\/[\w.-]+\/[\w.-]+\/(?:blob|tree)\/([\w.+-]+)\/[^\s]+$/;

/** Why `href` is not an acceptable official link, or null when it is. */
export function findOfficialLinkProblem(href) {
  if (/\s/.test(href)) return 'contains white space';
  let url;
  try {
    url = new URL(href);
  } catch {
    return 'not a well-formed URL';
  }
  if (url.protocol !== 'https:') return 'not https';
  if (url.username || url.password) return 'carries credentials';
  if (url.port) return 'names a port';
  if (!HOSTS.has(url.hostname)) return `${url.hostname} is not on the list of documentation hosts`;
  if (url.hostname === 'github.com') {
    const p = url.pathname;
    if (GITHUB_THREAD.test(p) || GITHUB_RELEASE.test(p)) return null;
    const file = GITHUB_FILE.exec(p);
    if (!file) return 'a github.com link must be an issue, a pull request, a release or a file';
    if (MOVING_REFS.has(file[1] ?? ''))
      return `pins a moving branch (${file[1]}), not a tag or commit`;
  }
  return null;
}
