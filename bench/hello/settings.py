"""A one-view Django "hello world", served by `make bench-web` under the same gunicorn settings as
ParkLink (deploy/gunicorn.conf.py), so ParkLink's figures read as ratios to what the server alone costs."""

SECRET_KEY = "bench-hello-world-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.hello.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
WSGI_APPLICATION = "bench.hello.wsgi.application"
