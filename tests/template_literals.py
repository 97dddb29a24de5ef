"""Finds text a template shows that no translation tag covers, and raw codes printed as they are.

Used by tests/test_template_literals.py and `.ci/check_template_literals` (the CI translations step).

1. Literal text: every TEXT token of Django's template lexer, outside {% blocktranslate %} and
   {% comment %}, with HTML tags, <script>/<style> bodies and invisible attributes removed, must hold
   no word. Visible attributes (title, alt, placeholder, aria-label, ...) count as text.
2. Raw codes: `{{ x.status }}`, `.kind`, `.action`, `.event_type` shown in text or a visible attribute
   without a filter that turns the code into words (use `get_status_display` or a sentence filter).
"""

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
# Project templates only: every app's templates/ and the shared templates/ (emails' .txt included).
SKIPPED_DIRECTORIES = {".venv", "var", "node_modules", "test-artifacts", ".git", "static"}
VISIBLE_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "label",
}
RAW_CODE_ATTRIBUTES = {"status", "kind", "action", "event_type"}
# Filters that turn a code into words in the reader's language.
TRANSLATING_FILTERS = {
    "agreement_history_sentence",
    "audit_sentence",
    "profile_history_sentence",
    "membership_history_sentence",
}

# Genuine non-words a template may show as they are. Keep it short, and say why for each.
ALLOWED_LITERALS = {
    "ParkLink",  # the brand
    "ORCID",  # a registry's proper name
    "ROR",  # the Research Organization Registry's proper name
    "API",  # a technical term kept as is in every language
    "OpenAPI",  # a specification's proper name
    "Swagger",  # a product name
    "UTC",  # a time standard's abbreviation
    "QR",  # "QR code" is a proper name
    "CSV",  # a file format
    "XLSX",  # a file format
    "JSON",  # a file format
    "PDF",  # a file format
    "iCalendar",  # a file format
    "ICS",  # a file format
    "TOTP",  # a standard's name
    "DOI",  # an identifier scheme
    "ISO",  # a standards body
    "GitHub",  # a product name
}
# Whole pieces of text that are not words in any language.
ALLOWED_TEXT = {
    "XXXX-XXXX-XXXX",  # the shape of a verification code, as a placeholder
    "en, ru, fa…",  # language codes, as typed into the field, as a placeholder
}
# Templates the check does not cover yet, each with its owner; the lead clears this list.
# events/** belongs to the events helper, who fixes what the check finds there.
TEMPORARILY_UNCHECKED: set[str] = set()

WORD = re.compile(r"[^\W\d_]{2,}")
URL = re.compile(r"(?:https?://|mailto:|www\.)\S+")
SENTINEL = re.compile("\ue000(\\d+)\ue001")
RAW_CODE = re.compile(r"^\s*[\w.]+\.(?P<attribute>\w+)\s*(?P<filters>(?:\|.*)?)$")


@dataclass(frozen=True)
class Finding:
    template: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.template}:{self.line}: {self.problem}"


class _Collector(HTMLParser):
    """Collects (text, line) for every visible piece of text and visible attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, int]] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden_depth += 1
        line = self.getpos()[0]
        # An input's value is text only on a button; a hidden or checkbox value is a code for the server.
        button = tag == "input" and dict(attrs).get("type") in {"submit", "button", "reset"}
        for name, value in attrs:
            if value and (name in VISIBLE_ATTRIBUTES or (button and name == "value")):
                self.pieces.append((value, line))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.pieces.append((data, self.getpos()[0]))


def _source_with_sentinels(source: str) -> tuple[str, list[str]]:
    """The template with every tag and variable replaced by a sentinel, and text inside blocktranslate,
    comment and verbatim blocks blanked: what is left is the literal text. Returns the variables too."""
    parts: list[str] = []
    variables: list[str] = []
    skipping: str | None = None
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if skipping:
                if name == skipping:
                    skipping = None
                parts.append(newlines)
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skipping = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                skipping = "endcomment"
            elif name == "verbatim":
                skipping = "endverbatim"
            # `<{% if href %}a{% else %}button{% endif %} ...>`: a tag whose name is chosen by the template.
            starts_tag = bool(parts) and parts[-1].endswith("<")
            parts.append(("template-tag " if starts_tag else "\ue000-1\ue001") + newlines)
        elif skipping or token.token_type == TokenType.COMMENT:
            parts.append("\n" * token.contents.count("\n"))
        elif token.token_type == TokenType.VAR:
            variables.append(token.contents)
            parts.append(f"\ue000{len(variables) - 1}\ue001" + newlines)
        else:
            parts.append(token.contents)
    return "".join(parts), variables


def _raw_code(expression: str) -> str | None:
    match = RAW_CODE.match(expression)
    if not match or match.group("attribute") not in RAW_CODE_ATTRIBUTES:
        return None
    filters = {f.split(":")[0].strip() for f in match.group("filters").split("|")[1:]}
    return None if filters & TRANSLATING_FILTERS else expression.strip()


def check_template(path: Path) -> list[Finding]:
    return check_source(path.read_text(encoding="utf-8"), name=str(path.relative_to(ROOT)))


def check_source(source: str, *, name: str = "<template>") -> list[Finding]:
    text, variables = _source_with_sentinels(source)
    collector = _Collector()
    collector.feed(text)
    collector.close()
    findings = []
    for piece, line in collector.pieces:
        for index in SENTINEL.findall(piece):
            code = _raw_code(variables[int(index)]) if index != "-1" else None
            if code:
                findings.append(Finding(name, line, f"shows the raw code {{{{ {code} }}}}"))
        literal = URL.sub(" ", SENTINEL.sub(" ", piece))
        if literal.strip() in ALLOWED_TEXT:
            continue
        words = [word for word in WORD.findall(literal) if word not in ALLOWED_LITERALS]
        if words:
            findings.append(Finding(name, line, f"untranslated text {' '.join(literal.split())!r}"))
    return findings


def project_templates() -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        if "templates" not in Path(directory).relative_to(ROOT).parts:
            continue
        found.extend(Path(directory) / name for name in sorted(files) if name.endswith((".html", ".txt")))
    return found


def check_all() -> list[Finding]:
    findings = []
    for path in project_templates():
        if str(path.relative_to(ROOT)) in TEMPORARILY_UNCHECKED:
            continue
        findings.extend(check_template(path))
    return findings
