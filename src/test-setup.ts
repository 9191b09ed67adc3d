/**
 * Vitest setup. Property tests (fast-check) explore with a fresh seed on every local run; in
 * CI they use a fixed seed so a run is reproducible and a red build always means a change
 * broke something. A counterexample found locally prints its seed: add it as a regression test.
 */
import fc from 'fast-check';
// Node code provides the IDNA nameprep tables up front (islands load them on demand).
import './sim/proxy/with-nameprep-data';

if (process.env['CI']) fc.configureGlobal({ seed: 20261128 });
