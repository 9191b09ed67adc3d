# Gunicorn settings for the shop web service (ECS Fargate behind an ALB).
import multiprocessing
import os

bind = "0.0.0.0:8000"

# One worker per core plus one, as the Gunicorn docs suggest for a start.
workers = multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = int(os.getenv("GUNICORN_THREADS", "4"))

# Requests to the reporting endpoints can take a while.
timeout = 120
graceful_timeout = 60
keepalive = 2

accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "*"
