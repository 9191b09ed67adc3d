/** Official pages the exercises link to (one place, so a moved page is fixed once). */
export const DOC = {
  flaskDeploying: {
    label: 'Flask: Deploying to production',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/',
  },
  flaskServer: {
    label: 'Flask: Development server',
    url: 'https://flask.palletsprojects.com/en/stable/server/',
  },
  flaskGunicorn: {
    label: 'Flask: Gunicorn',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/gunicorn/',
  },
  flaskWaitress: {
    label: 'Flask: Waitress',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/waitress/',
  },
  flaskModWsgi: {
    label: 'Flask: mod_wsgi',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/mod_wsgi/',
  },
  flaskProxyFix: {
    label: 'Flask: Tell Flask it is behind a proxy',
    url: 'https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/',
  },
  werkzeugProxyFix: {
    label: 'Werkzeug: ProxyFix',
    url: 'https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/',
  },
  flaskConfig: {
    label: 'Flask: Configuration handling',
    url: 'https://flask.palletsprojects.com/en/stable/config/',
  },
  flaskAsync: {
    label: 'Flask: Using async and await',
    url: 'https://flask.palletsprojects.com/en/stable/async-await/',
  },
  gunicornSettings: {
    label: 'Gunicorn: Settings',
    url: 'https://gunicorn.org/reference/settings/',
  },
  gunicornDesign: {
    label: 'Gunicorn: Design (how many workers)',
    url: 'https://gunicorn.org/design/',
  },
  gunicornSignals: {
    label: 'Gunicorn: Signal handling',
    url: 'https://gunicorn.org/signals/',
  },
  albHeaders: {
    label: 'AWS: ALB X-Forwarded headers',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html',
  },
  albDeregistration: {
    label: 'AWS: ALB deregistration delay',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay',
  },
  cloudFrontHeaders: {
    label: 'AWS: CloudFront request headers to custom origins',
    url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html',
  },
  ecsDeploy: {
    label: 'AWS: ECS rolling deployments',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html',
  },
  ecsStopTimeout: {
    label: 'AWS: ECS container stopTimeout',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_timeout',
  },
  dockerCmd: {
    label: 'Docker: CMD (exec and shell form)',
    url: 'https://docs.docker.com/reference/dockerfile/#cmd',
  },
  dockerUser: { label: 'Docker: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
  dockerIgnore: {
    label: 'Docker: .dockerignore files',
    url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  },
  postgresConnections: {
    label: 'PostgreSQL: max_connections',
    url: 'https://www.postgresql.org/docs/current/runtime-config-connection.html',
  },
  sqlalchemyPool: {
    label: 'SQLAlchemy: Connection pooling',
    url: 'https://docs.sqlalchemy.org/en/20/core/pooling.html',
  },
  k8sProbes: {
    label: 'Kubernetes: Container probes',
    url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
  },
  pythonCreateTask: {
    label: 'Python: asyncio.create_task',
    url: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task',
  },
} as const;
