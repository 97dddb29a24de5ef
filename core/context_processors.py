from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, get_language_info

from core.notifications import unread_count
from core.selectors import can_browse_audit_trail


def interface(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: the language switcher and the text direction."""
    return {
        "interface_languages": [
            {"code": code, "name_local": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
        "current_language": get_language(),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        # A callable, so the query runs only on pages whose template asks.
        "can_browse_audit_trail": lambda: can_browse_audit_trail(request.user),
        "unread_notifications": lambda: unread_count(request.user),
    }
