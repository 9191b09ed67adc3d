/**
 * Closed-form results for the M/M/c queue (Poisson arrivals at rate λ, exponential service at
 * rate μ per server, c servers, unlimited waiting room), used to check the simulation.
 *
 * Offered load a = λ/μ (in Erlangs), utilisation ρ = a/c < 1. The Erlang C formula gives the
 * probability that an arrival has to wait (A. K. Erlang, 1917; see e.g. Kleinrock, "Queueing
 * Systems, Vol. 1", 1975, §3.5, or https://en.wikipedia.org/wiki/Erlang_(unit)#Erlang_C_formula):
 *
 *   C(c, a) = [aᶜ/c! · c/(c − a)] / [Σ_{k=0}^{c−1} aᵏ/k! + aᶜ/c! · c/(c − a)]
 *
 * and the mean time spent waiting before service starts is Wq = C(c, a) / (cμ − λ).
 * The mean time in the system is W = Wq + 1/μ, and by Little's law L = λW.
 */

/** Probability that an arrival waits, C(c, a). Returns 1 when the queue is unstable (a ≥ c). */
export function computeErlangC(servers: number, offeredLoad: number): number {
  if (servers < 1 || !Number.isInteger(servers))
    throw new RangeError('servers must be a positive integer');
  if (offeredLoad <= 0) return 0;
  if (offeredLoad >= servers) return 1;
  // Sum the terms aᵏ/k! iteratively to avoid overflowing factorials.
  let term = 1;
  let sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= offeredLoad / (k + 1);
  }
  // `term` is now aᶜ/c!.
  const tail = (term * servers) / (servers - offeredLoad);
  return tail / (sum + tail);
}

/** Mean wait in the queue Wq for M/M/c, in the unit of 1/μ (here milliseconds). */
export function computeMeanWaitMs(
  servers: number,
  arrivalsPerMs: number,
  meanServiceMs: number,
): number {
  const offered = arrivalsPerMs * meanServiceMs;
  if (offered >= servers) return Infinity;
  const serviceRatePerMs = 1 / meanServiceMs;
  return computeErlangC(servers, offered) / (servers * serviceRatePerMs - arrivalsPerMs);
}
