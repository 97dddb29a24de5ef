"""Templates show dates to people only through the shared filters (`local_date`, `local_short_date`,
`local_datetime`, `local_short_datetime` in core/templatetags/dates.py), so Persian readers see the Solar
Hijri calendar on every page and PDF. A fixed format such as `|date:"Y-m-d"` would show them Gregorian.

Machine-readable values may stay ISO: `|date:"c"` (or "U"), and any format inside a `datetime=""`,
`value=""`, `min=""`, `max=""` or `data-…=""` attribute. Events' templates are checked too: their times
go through core/templatetags/times.py (the venue's zone and the viewer's)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "node_modules", "static", ".git", "locale", "docs", "bench"}
DATE_FILTER = re.compile(r"""\|\s*(?:date|time)\b(?:\s*:\s*(?P<quote>["'])(?P<format>.*?)(?P=quote))?""")
MACHINE_FORMATS = {"c", "U"}
MACHINE_ATTRIBUTE = re.compile(r"""(?:datetime|value|min|max|data-[\w-]+)\s*=\s*["'][^"']*$""")


def templates() -> list[Path]:
    found = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [name for name in subdirectories if name not in SKIPPED]
        if "templates" in Path(directory).relative_to(ROOT).parts:
            found += [Path(directory, name) for name in files if name.endswith((".html", ".txt", ".xml"))]
    return found


def hard_coded_dates(text: str) -> list[str]:
    """Each `|date`/`|time` in `text` that shows a date or time to people in a fixed format."""
    offending = []
    for line in text.splitlines():
        for match in DATE_FILTER.finditer(line):
            if match.group("format") in MACHINE_FORMATS or MACHINE_ATTRIBUTE.search(line[: match.start()]):
                continue
            offending.append(line.strip())
    return offending


def test_the_check_tells_fixed_formats_from_machine_values():
    assert hard_coded_dates('<td>{{ day|date:"Y-m-d" }}</td>')
    assert hard_coded_dates("{% blocktranslate with when=day|date:'SHORT_DATE_FORMAT' %}")
    assert hard_coded_dates("<td>{{ day|date }}</td>")
    assert hard_coded_dates('{{ moment|time:"H:i" }}')
    assert not hard_coded_dates("<td>{{ day|local_date }}</td>")
    assert not hard_coded_dates(
        """<time datetime="{{ moment|date:'c' }}">{{ moment|local_datetime }}</time>"""
    )
    assert not hard_coded_dates('<input type="date" value="{{ day|date:"Y-m-d" }}">')


def test_no_template_formats_dates_by_hand():
    offending = {
        str(path.relative_to(ROOT)): found
        for path in templates()
        if (found := hard_coded_dates(path.read_text()))
    }
    assert templates(), "no templates found: the search is looking in the wrong place"
    assert any("events" in path.parts for path in templates()), "events' templates are checked too"
    assert offending == {}, "use |local_date, |local_short_date, |local_datetime or |local_short_datetime"
