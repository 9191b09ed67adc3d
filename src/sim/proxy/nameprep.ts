/**
 * Nameprep (RFC 3491): the string preparation Python's "idna" codec applies to a non-ASCII label
 * (`encodings/idna.py` `nameprep`): map (B.1 to nothing, B.2 case folding), NFKC as of Unicode
 * 3.2, refuse prohibited characters (C.1.2, C.2.2, C.3–C.9) and check the bidi rule (D.1/D.2).
 * Unassigned code points are allowed, as in Python.
 *
 * This module is the small, always-loaded front: the algorithm and its tables live in
 * nameprep-impl.ts and are provided on demand.
 */

/**
 * Thrown when a non-ASCII label needs nameprep before it was provided. Node code imports
 * `with-nameprep-data.ts`; a browser island loads nameprep-impl.ts and its tables as their own
 * chunk (`src/runtime/use-nameprep-data.ts`), so pages whose host names are ASCII never fetch
 * them.
 */
export class NameprepDataMissing extends Error {
  constructor() {
    super('nameprep is not loaded yet (import with-nameprep-data.ts, or provideNameprep).');
    this.name = 'NameprepDataMissing';
  }
}

type Nameprep = (label: string) => string | null;

let implementation: Nameprep | null = null;

/** Hands over the implementation (nameprep-impl.ts, with its tables). */
export function provideNameprep(nameprepImpl: Nameprep): void {
  implementation = nameprepImpl;
}

export function hasNameprep(): boolean {
  return implementation !== null;
}

/** Python `encodings.idna.nameprep`; null where Python raises. */
export function nameprep(label: string): string | null {
  if (implementation === null) throw new NameprepDataMissing();
  return implementation(label);
}
