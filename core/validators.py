"""Checks of user input that several apps share, so that pages and API refuse the same things."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.forms import field_error

WEB_URL_SCHEMES = ("http", "https")
_web_url_validator = URLValidator(schemes=list(WEB_URL_SCHEMES))


def is_web_url(value: str) -> bool:
    """Whether `value` is a web address (http or https), for data read in bulk that drops a bad link."""
    try:
        _web_url_validator(value)
    except ValidationError:
        return False
    return True


def validate_web_url(field: str, value: str | None) -> str:
    """`value` stripped, or a field error unless it is empty or a web address (http or https only).

    Other schemes (`javascript:`, `data:`, `file:`…) would run or open something other than a web
    page when someone follows the link.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if not is_web_url(value):
        raise field_error(
            field, _("Enter a web address starting with http:// or https://."), code="invalid_url"
        )
    return value
