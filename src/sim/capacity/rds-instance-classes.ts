/**
 * RDS for PostgreSQL's default `max_connections`, estimated from an instance class.
 *
 * The parameter group default is `LEAST({DBInstanceClassMemory/9531392}, 5000)` (https://docs.aws.amazon.com/prescriptive-guidance/latest/tuning-postgresql-parameters/max-connections.html;
 * AWS Prescriptive Guidance "max_connections",
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/tuning-postgresql-parameters/max-connections.html).
 *
 * `DBInstanceClassMemory` is smaller than the nominal memory of the class because the OS and
 * RDS keep some for themselves (archived RDS guide `CHAP_Limits.md`), and AWS does not publish
 * it per class. Feeding the *nominal* memory into the formula therefore gives an upper bound:
 * the real default is lower (UNVERIFIED per class; reports of about 80 for 1 GiB classes). The
 * UI must show these figures as "at most".
 */

/** The divisor in RDS's default formula, bytes of instance memory per connection. */
export const RDS_BYTES_PER_CONNECTION = 9_531_392;

/** The cap in RDS's default formula. */
export const RDS_MAX_CONNECTIONS_CAP = 5000;

const BYTES_PER_GIB = 1024 ** 3;

/** An instance class with its nominal (advertised) memory. */
export interface RdsInstanceClass {
  readonly name: string;
  readonly nominalMemoryGiB: number;
}

/**
 * A small table of common Graviton classes with their advertised memory (AWS "DB instance
 * classes" page, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html).
 */
export const RDS_INSTANCE_CLASSES: readonly RdsInstanceClass[] = [
  { name: 'db.t4g.micro', nominalMemoryGiB: 1 },
  { name: 'db.t4g.small', nominalMemoryGiB: 2 },
  { name: 'db.t4g.medium', nominalMemoryGiB: 4 },
  { name: 'db.t4g.large', nominalMemoryGiB: 8 },
  { name: 'db.t4g.xlarge', nominalMemoryGiB: 16 },
  { name: 'db.t4g.2xlarge', nominalMemoryGiB: 32 },
  { name: 'db.m6g.large', nominalMemoryGiB: 8 },
  { name: 'db.m6g.xlarge', nominalMemoryGiB: 16 },
  { name: 'db.m6g.2xlarge', nominalMemoryGiB: 32 },
  { name: 'db.m6g.4xlarge', nominalMemoryGiB: 64 },
  { name: 'db.r6g.large', nominalMemoryGiB: 16 },
  { name: 'db.r6g.xlarge', nominalMemoryGiB: 32 },
  { name: 'db.r6g.2xlarge', nominalMemoryGiB: 64 },
];

/** The class names the calculator knows, for whitelisting URL state. */
export const RDS_INSTANCE_CLASS_NAMES: readonly string[] = RDS_INSTANCE_CLASSES.map((c) => c.name);

/** Looks a class up by name; undefined when it is not in the table. */
export function findRdsInstanceClass(name: string): RdsInstanceClass | undefined {
  return RDS_INSTANCE_CLASSES.find((c) => c.name === name);
}

/**
 * `LEAST(floor(memoryBytes / 9531392), 5000)`. Given the nominal memory this is the most the
 * default can be; the real value is lower.
 */
export function computeRdsMaxConnectionsAtMost(memoryGiB: number): number {
  const fromMemory = Math.floor((memoryGiB * BYTES_PER_GIB) / RDS_BYTES_PER_CONNECTION);
  return Math.max(0, Math.min(fromMemory, RDS_MAX_CONNECTIONS_CAP));
}
