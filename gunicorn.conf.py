"""gunicorn for production: `gunicorn -c gunicorn.conf.py config.wsgi` (see README, Production)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, 2 × cores + 1: a cold render is CPU-bound Python with a few short database waits;
# on 2 cores, 2, 3 and 5 workers gave the same cache-miss rate within the noise of bench/portal.py,
# and the spare workers keep the CPU busy while others wait on PostgreSQL.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # recycle workers: bounded memory
max_requests_jitter = 200
preload_app = True
# The workers' heartbeat file, touched on every request: in memory, not on the disk's journal (the
# default is the system's temporary directory, a disk here), as gunicorn's documentation advises.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
# One JSON object per request, like the application's logs.
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s", "agent": "%(a)s"}'
)
