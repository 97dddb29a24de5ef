"""No template shows text outside a translation tag, nor an internal code (tests/template_literals.py)."""

import pytest

from tests.template_literals import check_all, check_source


def test_no_template_shows_untranslated_text_or_raw_codes():
    findings = [str(finding) for finding in check_all()]
    assert findings == [], "\n".join(findings)


@pytest.mark.parametrize(
    "source",
    [
        "<p>Save your changes</p>",
        "{% load i18n %}<h1>{% translate 'Hubs' %}</h1> <p>Nothing here yet.</p>",
        "{% if x %}<span>Open</span>{% endif %}",
        '<a href="/x" title="Open the profile">{% translate "Open" %}</a>',
        '<input type="text" placeholder="Search organisations">',
        '<input type="submit" value="Send">',
        "Dear {{ name }},\nyour application changed.",
        "<td>{{ event.action }}</td>",
        "<span>{{ application.status }}</span>",
        "<span>{{ item.kind|title }}</span>",
        '<span title="{{ row.event_type }}">{% translate "Step" %}</span>',
    ],
)
def test_the_check_finds_literal_text_and_raw_codes(source):
    assert check_source(source), source


@pytest.mark.parametrize(
    "source",
    [
        "{% load i18n %}<p>{% translate 'Save your changes' %}</p>",
        "{% load i18n %}<p>{% blocktranslate with n=name %}Hello {{ n }}.{% endblocktranslate %}</p>",
        "{% comment %}Shown to organisers only{% endcomment %}<p>{{ text }}</p>",
        "<p>{{ profile.title }} · {{ profile.reference }} — 12/34 (56%)</p>",
        '<div class="card shadow-sm" data-status="{{ application.status }}" id="history"></div>',
        '<input type="hidden" name="answer" value="accept"><input type="checkbox" value="on">',
        "<script>const label = 'not shown';</script><style>.x{color:red}</style>",
        "<span>{{ application.get_status_display }}</span> <i>{{ event|agreement_history_sentence }}</i>",
        '<a href="https://example.org/path">https://example.org/path</a> <b>ParkLink</b>',
        '<{% if href %}a href="{{ href }}"{% else %}button{% endif %} class="btn">{{ text }}'
        "</{% if href %}a{% else %}button{% endif %}>",
        "{% if event.action == 'update' %}{{ event.note }}{% endif %}",
    ],
)
def test_the_check_accepts_translated_text_symbols_and_variables(source):
    assert check_source(source) == []
