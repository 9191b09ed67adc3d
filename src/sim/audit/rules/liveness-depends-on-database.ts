/**
 * A liveness probe (or, on ECS, the ALB target group health check, whose failures make ECS
 * replace the task) on a route whose handler queries the database: a database outage then
 * restarts every healthy replica. The route's handler is read from the Flask files.
 */
import type { HealthProbe } from '../facts';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'liveness-depends-on-database',
    level: 'warning',
    title: 'A restart-triggering health check depends on the database',
    failure:
      'When the database is slow or down, every replica fails the check and is restarted or replaced at once, turning a database blip into a full outage.',
    fix: 'Point liveness (and the ALB check on ECS) at a route that only shows the process answers; check the database in the readiness probe instead.',
    sources: [SOURCES.k8sProbes, SOURCES.ecsHealthCheck, SOURCES.albHealth],
  },
  ({ facts }) => {
    const routes = facts.flask.dbHealthRoutes;
    if (routes.size === 0) return [];
    const probes: HealthProbe[] = [
      ...(facts.kubernetes?.probes.filter((p) => p.kind === 'liveness') ?? []),
    ];
    if (facts.ecs && facts.alb?.healthCheck) probes.push(facts.alb.healthCheck);
    const out = [];
    for (const probe of probes) {
      const path = probe.path?.value.split('?')[0];
      const route = path === undefined ? undefined : routes.get(path);
      if (!route || !probe.path) continue;
      out.push({
        at: probe.path,
        message: `The ${probe.kind === 'alb' ? 'ALB health check (ECS replaces tasks that fail it)' : 'liveness probe'} calls ${path}, whose handler uses the database (${route.value.trim()} at ${route.file} line ${route.line}).`,
        related: [route],
      });
    }
    return out;
  },
);
