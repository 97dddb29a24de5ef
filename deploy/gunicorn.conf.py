"""Gunicorn settings for ParkLink (docs/production.md): `gunicorn -c deploy/gunicorn.conf.py parklink.wsgi`.

Every value comes from the environment, with defaults sized for one 2-core machine. The threaded worker
was chosen by measurement (docs/production.md): on this project's pages it served 1.3 to 2.3 times the
requests of the sync worker with the same two processes, and matched Granian within the noise.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None


# Where to listen: a proxy (nginx, Caddy) in front terminates TLS and forwards here.
_address = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
bind = os.environ.get("GUNICORN_BIND", _address)
# Processes: one per core. Each keeps its own copy of the matching index and text encoder in memory.
workers = _int("WEB_CONCURRENCY", 2)
# Threads per process: a request waiting on PostgreSQL leaves the core to another.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 2)
# A request still running after this many seconds is killed (its worker restarted).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle a worker after this many requests (plus jitter), so slow leaks cannot grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Each worker loads the application itself (no preload), so `kill -HUP` (systemctl reload) picks up new
# code; a worker that cannot boot (a broken setting) stops gunicorn with the error.
preload_app = False
# Access log and errors on stdout/stderr, for journald or the platform's log collector.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy's X-Forwarded-* headers are trusted from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Gunicorn 27's control socket (~/.gunicorn/gunicorn.ctl) would be shared by every instance on the host.
control_socket_disable = True

# numpy's OpenBLAS starts a thread per core for each matrix product; with several request threads in each
# of two processes on two cores, those threads fought over the cores and spun (a third of the CPU in
# system time, bench-web p95 770 -> 470 ms with one thread each). The worker processes inherit this.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
