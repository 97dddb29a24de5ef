"""A small, strict iCalendar reader for the tests: it refuses what RFC 5545 forbids (bare LF, lines
over 75 octets, unbalanced components, VEVENTs without UID/DTSTAMP/DTSTART, bad escapes)."""

import datetime
from dataclasses import dataclass, field


class CalendarError(ValueError):
    pass


@dataclass
class Component:
    name: str
    properties: dict[str, str] = field(default_factory=dict)
    children: list["Component"] = field(default_factory=list)


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        character = value[i]
        if character == "\\":
            if i + 1 >= len(value):
                raise CalendarError("dangling backslash")
            following = value[i + 1]
            if following in "nN":
                out.append("\n")
            elif following in "\\;,":
                out.append(following)
            else:
                raise CalendarError(f"bad escape \\{following}")
            i += 2
            continue
        if character in ";,":
            raise CalendarError(f"unescaped {character!r} in TEXT")
        out.append(character)
        i += 1
    return "".join(out)


def utc(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)


def parse(data: bytes) -> Component:
    text = data.decode("utf-8")
    if not text.endswith("\r\n"):
        raise CalendarError("the file must end with CRLF")
    raw_lines = text[:-2].split("\r\n")
    for line in raw_lines:
        if "\n" in line or "\r" in line:
            raise CalendarError("bare LF or CR inside a line")
        if len(line.encode("utf-8")) > 75:
            raise CalendarError(f"line longer than 75 octets: {line[:30]!r}")
    lines: list[str] = []
    for line in raw_lines:
        if line.startswith((" ", "\t")):
            if not lines:
                raise CalendarError("continuation before any line")
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[Component] = []
    root: Component | None = None
    for line in lines:
        name, _, value = line.partition(":")
        if not _:
            raise CalendarError(f"no colon in {line!r}")
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            elif root is None:
                root = component
            else:
                raise CalendarError("two top-level components")
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value:
                raise CalendarError(f"END:{value} does not close the open component")
            stack.pop()
        else:
            if not stack:
                raise CalendarError("property outside a component")
            stack[-1].properties[name.split(";", 1)[0]] = value
    if stack or root is None or root.name != "VCALENDAR":
        raise CalendarError("the calendar is not closed")
    if root.properties.get("VERSION") != "2.0" or "PRODID" not in root.properties:
        raise CalendarError("VCALENDAR needs VERSION:2.0 and PRODID")
    for event in root.children:
        if event.name == "VEVENT":
            for required in ("UID", "DTSTAMP", "DTSTART"):
                if required not in event.properties:
                    raise CalendarError(f"VEVENT without {required}")
            if utc(event.properties["DTEND"]) <= utc(event.properties["DTSTART"]):
                raise CalendarError("DTEND not after DTSTART")
            for text_property in ("SUMMARY", "DESCRIPTION", "LOCATION"):
                if text_property in event.properties:
                    event.properties[text_property] = unescape(event.properties[text_property])
    return root


def events_of(data: bytes) -> list[dict[str, str]]:
    return [child.properties for child in parse(data).children if child.name == "VEVENT"]
