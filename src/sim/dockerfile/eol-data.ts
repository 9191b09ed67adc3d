/**
 * End-of-life dates of the Python releases and base-image distributions a Flask image is built
 * on, each from its vendor's own page. A date `YYYY-MM-DD` is the last supported day; a month
 * `YYYY-MM` is how the vendor publishes it (support ends during that month).
 *
 * - Python: https://devguide.python.org/versions/ (end of security support).
 * - Debian: https://wiki.debian.org/LTS (end of Debian LTS; jessie 8 to bookworm 12).
 * - Ubuntu: https://ubuntu.com/about/release-cycle (end of standard support; interim releases
 *   "are supported for 9 months").
 * - Alpine: https://alpinelinux.org/releases/ (end of support of the branch's main repository).
 *
 * Releases still supported on EOL_TABLE_DATE are listed only where the vendor's page gives a
 * date (Ubuntu 22.04 and 24.04 are left out: a tag missing here is never reported). Checked on
 * EOL_TABLE_DATE. The checker compares against `today` (CheckOptions), which defaults
 * to that date so a check is reproducible; the site and the CLI pass the real date.
 */
export const EOL_TABLE_DATE = '2026-12-06';

export const PYTHON_EOL: Readonly<Record<string, string>> = {
  '3.5': '2020-09-30',
  '3.6': '2021-12-23',
  '3.7': '2023-06-27',
  '3.8': '2024-10-07',
  '3.9': '2025-10-31',
  '3.10': '2026-10',
  '3.11': '2027-10',
  '3.12': '2028-10',
  '3.13': '2029-10',
};

export const DEBIAN_EOL: Readonly<
  Record<string, { readonly version: string; readonly eol: string }>
> = {
  jessie: { version: '8', eol: '2020-06-30' },
  stretch: { version: '9', eol: '2022-06-30' },
  buster: { version: '10', eol: '2024-06-30' },
  bullseye: { version: '11', eol: '2026-08-31' },
  bookworm: { version: '12', eol: '2028-06-30' },
};

export const UBUNTU_EOL: Readonly<
  Record<string, { readonly codename: string; readonly eol: string }>
> = {
  '14.04': { codename: 'trusty', eol: '2019-04' },
  '16.04': { codename: 'xenial', eol: '2021-04' },
  '18.04': { codename: 'bionic', eol: '2023-05' },
  '18.10': { codename: 'cosmic', eol: '2019-07' },
  '19.04': { codename: 'disco', eol: '2020-01' },
  '19.10': { codename: 'eoan', eol: '2020-07' },
  '20.04': { codename: 'focal', eol: '2025-05' },
  '20.10': { codename: 'groovy', eol: '2021-07' },
  '21.04': { codename: 'hirsute', eol: '2022-01' },
  '21.10': { codename: 'impish', eol: '2022-07' },
  '22.10': { codename: 'kinetic', eol: '2023-07' },
  '23.04': { codename: 'lunar', eol: '2024-01' },
  '23.10': { codename: 'mantic', eol: '2024-07' },
  '24.10': { codename: 'oracular', eol: '2025-07' },
  '25.04': { codename: 'plucky', eol: '2026-01' },
};

export const ALPINE_EOL: Readonly<Record<string, string>> = {
  '3.6': '2019-05-01',
  '3.7': '2019-11-01',
  '3.8': '2020-05-01',
  '3.9': '2020-11-01',
  '3.10': '2021-05-01',
  '3.11': '2021-11-01',
  '3.12': '2022-05-01',
  '3.13': '2022-11-01',
  '3.14': '2023-05-01',
  '3.15': '2023-11-01',
  '3.16': '2024-05-23',
  '3.17': '2024-11-22',
  '3.18': '2025-05-09',
  '3.19': '2025-11-01',
  '3.20': '2026-04-01',
  '3.21': '2026-11-01',
  '3.22': '2027-05-01',
  '3.23': '2027-11-01',
};

/** Has a release whose support ends at `eol` (a day or a month) ended by `today` (YYYY-MM-DD)? */
export function hasEnded(eol: string, today: string): boolean {
  return eol.length === 7 ? today.slice(0, 7) > eol : today > eol;
}

/** `2023-05` → `May 2023`; `2024-06-30` → `2024-06-30`. */
export function showEol(eol: string): string {
  if (eol.length !== 7) return eol;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${months[Number(eol.slice(5, 7)) - 1] ?? ''} ${eol.slice(0, 4)}`;
}
