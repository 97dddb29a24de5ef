import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parklink.settings")

application = get_wsgi_application()

if settings.WEB_WARM_UP:
    from parklink.warm_up import start_warm_up

    start_warm_up()
