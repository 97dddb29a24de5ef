"""The country briefing report: its content, counted from ParkLink's records as of one day, its charts
(inline SVG drawn here, no JavaScript) and its PDF (WeasyPrint).

The content holds codes and numbers only, sorted, with nothing that depends on when or by whom it was
built; its SHA-256 is the report's fingerprint, so the same data always gives the same report, and
labels are rendered in the reader's language when shown.
"""

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi

from core.calendars import local_year
from core.taxonomies import country_name, sector_label
from directory.models import Organisation
from hubs.kpis import kpi_actual
from hubs.models import Agreement, Hub, Interaction, Kpi, Need
from hubs.parks import PARK_KINDS
from marketplace.kpis import eois_between
from marketplace.models import ExpressionOfInterest, Profile

LIST_LENGTH = 25
OFFER_KINDS = (Profile.Kind.TECHNOLOGY_OFFER, Profile.Kind.BUSINESS_OFFER)
REQUEST_KINDS = (Profile.Kind.TECHNOLOGY_REQUEST, Profile.Kind.BUSINESS_REQUEST, Profile.Kind.RD_REQUEST)

ProgressCallback = Callable[[int], None]


def _pairs(rows: Any, key: str) -> list[list[Any]]:
    return [[row[key], row["count"]] for row in rows]


def _by_local_year(days: Any) -> list[list[int]]:
    """How many fall in each year of the reader's calendar (Solar Hijri in Persian), oldest first: the
    report is built in its reader's language, so a Persian report counts by the years it shows."""
    counts = Counter(local_year(day) for day in days)
    return [[year, counts[year]] for year in sorted(counts)]


def _public_profiles(country: str, as_of: datetime.date) -> Any:
    """Published public profiles owned in `country` that were live on `as_of`."""
    return Profile.objects.filter(
        owner__country=country,
        visibility=Profile.Visibility.PUBLIC,
        status__in=[Profile.Status.PUBLISHED, Profile.Status.EXPIRED, Profile.Status.ARCHIVED],
        published_at__date__lte=as_of,
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__date__gt=as_of))


def _profile_rows(profiles: Any) -> list[dict[str, Any]]:
    return [
        {"reference": reference, "title": title, "kind": kind}
        for reference, title, kind in profiles.order_by("reference").values_list(
            "reference", "title", "kind"
        )[:LIST_LENGTH]
    ]


def report_content(
    *, hub: Hub, country: str, as_of: datetime.date, progress: ProgressCallback | None = None
) -> dict[str, Any]:
    """Everything the report shows, as of the end of `as_of`."""
    step = progress or (lambda percent: None)
    home = hub.home_country
    organisations = Organisation.objects.filter(
        country=country, status=Organisation.Status.ACTIVE, created_at__date__lte=as_of
    )
    by_kind = _pairs(
        organisations.values("kind").annotate(count=Count("id")).order_by("-count", "kind"), "kind"
    )
    parks = [
        {"name": name, "city": city}
        for name, city in organisations.filter(kind__in=PARK_KINDS)
        .order_by("name", "id")
        .values_list("name", "city")[:LIST_LENGTH]
    ]
    step(20)

    profiles = _public_profiles(country, as_of)
    sector_rows: dict[str, list[int]] = {}
    for code, count in organisations.values_list("sectors__code").annotate(count=Count("id")):
        if code:
            sector_rows.setdefault(code, [0, 0, 0])[0] = count
    for code, kind, count in profiles.values_list("sectors__code", "kind").annotate(count=Count("id")):
        if code:
            sector_rows.setdefault(code, [0, 0, 0])[1 if kind in OFFER_KINDS else 2] += count
    sectors = [[code, *counts] for code, counts in sorted(sector_rows.items())]
    offers = _profile_rows(profiles.filter(kind__in=OFFER_KINDS))
    requests = _profile_rows(profiles.filter(kind__in=REQUEST_KINDS))
    needs = [
        {"title": title, "status": status, "sector": sector or "", "identified_on": identified.isoformat()}
        for title, status, sector, identified in Need.objects.filter(hub=hub, identified_on__lte=as_of)
        .order_by("-identified_on", "id")
        .values_list("title", "status", "sector__code", "identified_on")[:LIST_LENGTH]
    ]
    step(40)

    interactions = Interaction.objects.filter(hub=hub, occurred_on__lte=as_of)
    interaction_summary = {
        "total": interactions.count(),
        "by_kind": _pairs(
            interactions.values("kind").annotate(count=Count("id")).order_by("-count", "kind"), "kind"
        ),
        "by_year": _by_local_year(interactions.values_list("occurred_on", flat=True)),
        "recent": [
            {"on": on.isoformat(), "kind": kind, "title": title}
            for on, kind, title in interactions.order_by("-occurred_on", "-id").values_list(
                "occurred_on", "kind", "title"
            )[:LIST_LENGTH]
        ],
    }
    step(60)

    agreements = [
        {
            "title": agreement.title,
            "kind": agreement.kind,
            "status": agreement.status,
            "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else "",
            "parties": sorted(party.organisation.name for party in agreement.parties.all()),
        }
        for agreement in Agreement.objects.filter(hub=hub, created_at__date__lte=as_of)
        .exclude(status=Agreement.Status.DRAFT)
        .prefetch_related("parties__organisation")
        .order_by("-signed_on", "title", "id")
    ]
    eois = ExpressionOfInterest.objects.filter(eois_between(home, country), created_at__date__lte=as_of)
    eoi_summary = {
        "total": eois.count(),
        "by_year": _by_local_year(eois.values_list("created_at", flat=True)),
    }
    step(80)

    kpis = [
        {
            "programme": kpi.programme.title,
            "name": kpi.name,
            "metric": kpi.metric,
            "target": kpi.target,
            "actual": kpi_actual(kpi, on=as_of),
        }
        for kpi in Kpi.objects.filter(programme__hub=hub, programme__starts_on__lte=as_of)
        .select_related("programme__hub__host")
        .order_by("programme__starts_on", "programme_id", "id")
    ]
    return {
        "country": country,
        "home_country": home,
        "as_of": as_of.isoformat(),
        "organisations": {"total": organisations.count(), "by_kind": by_kind, "parks": parks},
        "sectors": sectors,
        "offers": offers,
        "requests": requests,
        "needs": needs,
        "interactions": interaction_summary,
        "agreements": agreements,
        "eois": eoi_summary,
        "kpis": kpis,
    }


def content_fingerprint(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Charts


def bar_chart_svg(bars: Sequence[tuple[str, int]], *, title: str, width: int = 520) -> SafeString:
    """A horizontal bar chart as inline SVG, with each value written beside its bar."""
    row_height, label_width, value_width = 22, 190, 50
    height = max(1, len(bars)) * row_height + 8
    largest = max((value for _label, value in bars), default=0) or 1
    scale = (width - label_width - value_width) / largest
    rtl = get_language_bidi()
    rows = []
    for index, (label, value) in enumerate(bars):
        y = 4 + index * row_height
        bar = round(value * scale, 1)
        bar_x = width - label_width - bar if rtl else label_width
        label_x, anchor = (width - label_width + 6, "start") if rtl else (label_width - 6, "end")
        value_x = bar_x - 4 if rtl else label_width + bar + 4
        value_anchor = "end" if rtl else "start"
        rows.append(
            f'<text x="{label_x}" y="{y + 15}" text-anchor="{anchor}" font-size="11">{escape(label)}</text>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{bar}" height="{row_height - 6}" fill="#1f4e79"></rect>'
            f'<text x="{value_x}" y="{y + 15}" text-anchor="{value_anchor}" font-size="11">{value}</text>'
        )
    return mark_safe(  # every label is escaped above; the rest are numbers
        # Geometry is mirrored above for right-to-left pages; the SVG itself is laid out left to right.
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" direction="ltr" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="hubs-chart">'
        f"<title>{escape(title)}</title>"
        f"{''.join(rows)}</svg>"
    )


ChartRenderer = Callable[..., SafeString]


def bar_chart_html(bars: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    """The same horizontal bar chart as HTML, for the PDF: WeasyPrint draws SVG <text> unshaped (Persian
    letters apart and backwards) and clips it, while HTML text is shaped with its Noto font, wraps
    instead of being cut, and follows the page's direction (the bars then grow from the right)."""
    largest = max((value for _label, value in bars), default=0) or 1
    rows = "".join(
        f'<tr><th scope="row" class="chart-label">{escape(label)}</th>'
        f'<td class="chart-track"><div class="chart-bar" style="inline-size: {value * 100 / largest:.1f}%">'
        f'</div></td><td class="chart-value">{value}</td></tr>'
        for label, value in bars
    )
    return mark_safe(  # every label is escaped above; the rest are numbers
        f'<table class="chart"><caption>{escape(title)}</caption><tbody>{rows}</tbody></table>'
    )


def report_sections(content: dict[str, Any], *, chart: ChartRenderer = bar_chart_svg) -> dict[str, Any]:
    """The content with labels in the active language and its charts (`chart` draws them: SVG for the
    page, HTML for the PDF), ready for the templates."""
    from django.utils.translation import gettext as _

    interaction_kinds = dict(Interaction.Kind.choices)
    organisation_kinds = dict(Organisation.Kind.choices)
    need_statuses = dict(Need.Status.choices)
    agreement_kinds, agreement_statuses = dict(Agreement.Kind.choices), dict(Agreement.Status.choices)
    profile_kinds, metrics = dict(Profile.Kind.choices), dict(Kpi.Metric.choices)
    interactions = content["interactions"]
    kpis = [kpi | {"metric_label": metrics.get(kpi["metric"], kpi["metric"])} for kpi in content["kpis"]]
    return {
        "country_label": country_name(content["country"]),
        "home_country_label": country_name(content["home_country"]),
        "as_of": datetime.date.fromisoformat(content["as_of"]),
        "organisations": content["organisations"],
        "organisation_kind_chart": chart(
            [
                (str(organisation_kinds.get(kind, kind)), count)
                for kind, count in content["organisations"]["by_kind"]
            ],
            title=_("Organisations by kind"),
        ),
        "sectors": [[sector_label(code), *counts] for code, *counts in content["sectors"]],
        "offers": [
            row | {"kind_label": profile_kinds.get(row["kind"], row["kind"])} for row in content["offers"]
        ],
        "requests": [
            row | {"kind_label": profile_kinds.get(row["kind"], row["kind"])} for row in content["requests"]
        ],
        "needs": [
            row
            | {
                "status_label": need_statuses.get(row["status"], row["status"]),
                "sector_label": sector_label(row["sector"]) if row["sector"] else "",
                "identified_on": datetime.date.fromisoformat(row["identified_on"]),
            }
            for row in content["needs"]
        ],
        "interactions_total": interactions["total"],
        "interaction_kind_chart": chart(
            [(str(interaction_kinds.get(kind, kind)), count) for kind, count in interactions["by_kind"]],
            title=_("Interactions by kind"),
        ),
        "interaction_year_chart": chart(
            [(str(year), count) for year, count in interactions["by_year"]], title=_("Interactions by year")
        ),
        "recent_interactions": [
            row
            | {
                "on": datetime.date.fromisoformat(row["on"]),
                "kind_label": interaction_kinds.get(row["kind"], row["kind"]),
            }
            for row in interactions["recent"]
        ],
        "agreements": [
            row
            | {
                "kind_label": agreement_kinds.get(row["kind"], row["kind"]),
                "status_label": agreement_statuses.get(row["status"], row["status"]),
                "signed_on": datetime.date.fromisoformat(row["signed_on"]) if row["signed_on"] else None,
            }
            for row in content["agreements"]
        ],
        "eois_total": content["eois"]["total"],
        "eoi_year_chart": chart(
            [(str(year), count) for year, count in content["eois"]["by_year"]],
            title=_("Expressions of interest by year"),
        ),
        "kpis": kpis,
        "kpi_chart": chart(
            [(f"{kpi['name']} ({kpi['actual']}/{kpi['target']})", kpi["actual"]) for kpi in kpis],
            title=_("KPIs: actual value"),
        ),
    }


def report_pdf(*, content: dict[str, Any], fingerprint: str, hub: Hub) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "hubs/pdf/briefing.html",
        {
            "hub": hub,
            "fingerprint": fingerprint,
            "direction": "rtl" if get_language_bidi() else "ltr",
            **report_sections(content, chart=bar_chart_html),
        },
    )
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
