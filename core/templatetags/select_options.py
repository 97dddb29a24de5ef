"""`{% select_options widget %}`: a select widget's options written in Python (templates/django/forms/
widgets/select.html). Rendered through select_option.html, an option each, a list of 250 countries
took 10 ms of template work on every page that shows one (issue 18); written here, about one."""

from html import escape
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _attributes(attrs: dict[str, Any]) -> str:
    """As attrs.html writes them: True as a bare name, False and None left out, and no class."""
    written = []
    for name, value in attrs.items():
        if name == "class" or value is False or value is None:
            continue
        written.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"')
    return "".join(written)


@register.simple_tag
def select_options(widget: dict[str, Any]) -> SafeString:
    parts: list[str] = []
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            value = escape(str(option["value"]))
            label = conditional_escape(option["label"])
            parts.append(f'<option value="{value}"{_attributes(option["attrs"])}>{label}</option>')
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))  # every value, label and attribute above is escaped
