/** Every audit rule, in report order within a level. */
import compose from './compose-stop-signal-quick';
import dbConnections from './db-connections-exceed-max';
import deregistration from './deregistration-delay-shorter-than-timeout';
import fargateMax from './ecs-stop-timeout-above-fargate-max';
import graceful from './graceful-timeout-exceeds-stop-timeout';
import imageHealthcheck from './image-healthcheck-ignored';
import keepalive from './keepalive-race';
import liveness from './liveness-depends-on-database';
import memory from './memory-exceeds-limit';
import preStop from './prestop-missing';
import leaks from './proxyfix-leaks-proxy-address';
import losesHttps from './proxyfix-loses-https';
import spoofable from './proxyfix-spoofable';
import cookie from './session-cookie-secure-scheme-http';
import shellPid1 from './shell-pid1';
import startup from './startup-shorter-than-boot';
import timeout from './timeout-exceeds-proxy-timeout';
import trustedHosts from './trusted-hosts-rejects-host';
import workersCpu from './workers-exceed-cpu';
import workersHost from './workers-from-host-cpu-count';
import type { AuditRule } from './rule';

export const AUDIT_RULES: readonly AuditRule[] = [
  graceful,
  deregistration,
  fargateMax,
  preStop,
  shellPid1,
  compose,
  keepalive,
  timeout,
  spoofable,
  losesHttps,
  leaks,
  trustedHosts,
  cookie,
  workersCpu,
  workersHost,
  dbConnections,
  memory,
  liveness,
  startup,
  imageHealthcheck,
];
