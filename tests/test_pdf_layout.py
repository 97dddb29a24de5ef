"""Every kind of PDF ParkLink prints lays out cleanly in the languages with the longest words, other
scripts and the other direction (English, Persian, Simplified Chinese, Uzbek, Turkmen): the QR code's
region touches no text, no text is drawn over other text, and nothing leaves the page.

The documents are issued by the real services from the demo and rendered as they are downloaded. The
text boxes are pdfplumber's glyph boxes; the QR code is the cluster of small black squares the SVG
QR image draws (the only black fills on these pages). pdftoppm renders the first page as a check that
it is not blank. `PDF_LAYOUT_SAMPLES=/some/dir pytest tests/test_pdf_layout.py` keeps the rendered
files there to look at.
"""

import datetime
import io
import os
import subprocess
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from django.utils import translation
from PIL import Image

from accounts.models import User
from core.calendars import PERSIAN_MONTH_NAMES
from directory.models import Organisation
from directory.services import organisation_create
from events.documents import badge_pdf
from events.documents import certificate_pdf as attendance_certificate_pdf
from events.models import Registration
from events.services.attendance import certificate_issue, registration_check_in
from exchanges.documents import document_pdf
from exchanges.models import Document
from hubs.models import BriefingReport, Hub
from hubs.services import briefing_report_request
from networks.certificates import certificate_pdf, invoice_pdf
from networks.models import Certificate, Invoice, MembershipCategory
from networks.services import (
    membership_apply,
    membership_approve,
    membership_payment_record,
    membership_review_start,
)
from signing.registry import registered_kinds

LANGUAGES = ["en", "fa", "zh-hans", "uz", "tk"]
OPERATOR = "operator@demo.parklink.org"
IASP = "International Association of Science Parks and Areas of Innovation (IASP)"
IRANIAN_PARK = "East Azerbaijan Science and Technology Park"

# Two glyphs overlap "significantly" when their common area is this share of the smaller one: kerning
# and joined scripts bring neighbours a little closer, one line printed over another far more.
TEXT_OVERLAP_SHARE = 0.3
EDGE_TOLERANCE = 0.5  # points


# Geometry


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    label: str = ""
    order: int = -1  # a glyph's place in the page's text; -1 for other boxes

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.bottom - self.top)

    def intersection(self, other: "Box") -> float:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0


@dataclass(frozen=True)
class PageLayout:
    number: int
    width: float
    height: float
    texts: list[Box]
    qr_codes: list[Box]


def layout_problems(page: PageLayout) -> list[str]:
    """What is wrong on the page: text on a QR code, text over text, anything off the page."""
    problems = []
    for box in [*page.texts, *page.qr_codes]:
        if (
            box.x0 < -EDGE_TOLERANCE
            or box.top < -EDGE_TOLERANCE
            or box.x1 > page.width + EDGE_TOLERANCE
            or box.bottom > page.height + EDGE_TOLERANCE
        ):
            problems.append(f"page {page.number}: {box.label!r} is outside the page")
    for qr in page.qr_codes:
        for text in page.texts:
            if qr.intersection(text) > 0:
                problems.append(f"page {page.number}: {text.label!r} is on the QR code")
    for first, second in _neighbours(page.texts):
        if first.order >= 0 and abs(first.order - second.order) == 1:
            continue  # one glyph after the other: kerning ("r," in Noto Sans), not a layout fault
        smaller = min(first.area, second.area)
        if smaller and first.intersection(second) > TEXT_OVERLAP_SHARE * smaller:
            problems.append(f"page {page.number}: {first.label!r} overlaps {second.label!r}")
    return problems


def _neighbours(boxes: list[Box], cell: float = 24.0) -> Iterable[tuple[Box, Box]]:
    """Each pair of boxes that share a grid cell, once: the pairs that can overlap, without n²."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, box in enumerate(boxes):
        for column in range(int(box.x0 // cell), int(box.x1 // cell) + 1):
            for row in range(int(box.top // cell), int(box.bottom // cell) + 1):
                cells[column, row].append(index)
    seen: set[tuple[int, int]] = set()
    for members in cells.values():
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                if (first, second) not in seen:
                    seen.add((first, second))
                    yield boxes[first], boxes[second]


def _is_black(colour: object) -> bool:
    values = colour if isinstance(colour, tuple | list) else (colour,)
    return all(isinstance(value, int | float) and value == 0 for value in values) and len(values) in (1, 3)


def _qr_codes(rects: list[dict]) -> list[Box]:
    """The QR codes: clusters of small black filled squares (an SVG QR image is drawn as such)."""
    modules = [
        Box(rect["x0"], rect["top"], rect["x1"], rect["bottom"])
        for rect in rects
        if rect.get("fill") and _is_black(rect.get("non_stroking_color")) and rect["width"] < 12
    ]
    clusters: list[tuple[Box, int]] = []  # the bounds of each cluster and how many squares it has
    for module in modules:
        touching = [cluster for cluster in clusters if _near(cluster[0], module, gap=8)]
        merged = [module, *(bounds for bounds, _count in touching)]
        clusters = [cluster for cluster in clusters if cluster not in touching]
        clusters.append((_bounds(merged, label="QR code"), 1 + sum(count for _bounds_, count in touching)))
    return [bounds for bounds, count in clusters if count >= 20]


def _near(first: Box, second: Box, *, gap: float) -> bool:
    return (
        first.x0 - gap <= second.x1
        and second.x0 <= first.x1 + gap
        and first.top - gap <= second.bottom
        and second.top <= first.bottom + gap
    )


def _bounds(boxes: list[Box], label: str = "") -> Box:
    return Box(
        min(box.x0 for box in boxes),
        min(box.top for box in boxes),
        max(box.x1 for box in boxes),
        max(box.bottom for box in boxes),
        label,
    )


def _glyph_boxes(chars: list[dict]) -> list[Box]:
    """A box per visible glyph; combining marks sit on their letter by design and are left out."""
    boxes = []
    for order, char in enumerate(chars):
        text = char["text"]
        if not text.strip() or all(unicodedata.category(letter) in ("Mn", "Me", "Cf") for letter in text):
            continue
        if char["x1"] - char["x0"] < 0.3:
            continue
        boxes.append(Box(char["x0"], char["top"], char["x1"], char["bottom"], text, order))
    return boxes


def pdf_layout(data: bytes) -> list[PageLayout]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [
            PageLayout(
                number=page.page_number,
                width=float(page.width),
                height=float(page.height),
                texts=_glyph_boxes(page.chars),
                qr_codes=_qr_codes(page.rects),
            )
            for page in document.pages
        ]


def first_page_is_not_blank(data: bytes, tmp_path: Path) -> bool:
    """pdftoppm's rendering of the first page has a fair number of dark pixels."""
    source = tmp_path / "rendered.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-gray", "-png", str(source), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    [image_path] = tmp_path.glob("page*.png")
    with Image.open(image_path) as image:
        histogram = image.convert("L").histogram()
    return sum(histogram[:128]) > 200


def pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(source), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")


def _keep_sample(name: str, data: bytes) -> None:
    directory = os.environ.get("PDF_LAYOUT_SAMPLES")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        (Path(directory) / f"{name}.pdf").write_bytes(data)


# The checker itself


def _page(texts: list[Box], qr_codes: list[Box] = ()) -> PageLayout:  # type: ignore[assignment]
    return PageLayout(number=1, width=595, height=842, texts=texts, qr_codes=list(qr_codes))


def test_the_checker_finds_text_on_the_qr_code():
    qr = Box(450, 700, 540, 790, "QR code")
    assert layout_problems(_page([Box(440, 780, 470, 792, "u")], [qr])) == ["page 1: 'u' is on the QR code"]
    assert layout_problems(_page([Box(380, 780, 440, 792, "u")], [qr])) == []


def test_the_checker_finds_text_over_text_but_not_neighbouring_letters():
    footer, address = Box(100, 700, 110, 712, "S"), Box(102, 703, 112, 715, "h")
    assert layout_problems(_page([footer, address])) == ["page 1: 'S' overlaps 'h'"]
    kerned = [Box(100, 700, 110, 712, "A"), Box(109, 700, 119, 712, "V")]  # a tenth shared
    assert layout_problems(_page(kerned)) == []
    comma = [Box(100, 700, 104, 712, "r", order=7), Box(102, 700, 105, 712, ",", order=8)]
    assert layout_problems(_page(comma)) == []  # kerned into the letter before it
    apart = [Box(100, 700, 104, 712, "r", order=7), Box(102, 700, 105, 712, ",", order=90)]
    assert layout_problems(_page(apart)) == ["page 1: 'r' overlaps ','"]


def test_the_checker_finds_what_leaves_the_page():
    assert layout_problems(_page([Box(590, 10, 600, 22, "x")])) == ["page 1: 'x' is outside the page"]
    assert layout_problems(_page([], [Box(-5, 10, 60, 75, "QR code")])) == [
        "page 1: 'QR code' is outside the page"
    ]


def test_the_checker_reads_an_overlap_out_of_a_real_pdf(tmp_path):
    from signing.pdf import qr_data_uri, write_pdf

    # given a footer sentence placed over a QR code, as the visa letter printed it
    data = write_pdf(
        "<p style=\"font: 10pt 'Noto Sans'; position: absolute; top: 20mm; left: 20mm\">Scan the code</p>"
        f'<img src="{qr_data_uri("https://parklink.example/v")}" '
        'style="position: absolute; top: 18mm; left: 25mm; width: 30mm; height: 30mm">'
    )
    [page] = pdf_layout(data)
    # then the checker sees the QR code and the letters on it
    assert len(page.qr_codes) == 1
    assert any("is on the QR code" in problem for problem in layout_problems(page))


# The documents, issued through the services


def _operator() -> User:
    return User.objects.get(email=OPERATOR)


def _membership_certificate(language: str) -> bytes:
    certificate = Certificate.objects.filter(revoked_at=None).order_by("pk").first()
    assert certificate is not None, "the demo issues a membership certificate"
    # The layout in one language a page: the record says which languages its file is printed in.
    Certificate.objects.filter(pk=certificate.pk).update(languages=[language])
    certificate.refresh_from_db()
    return certificate_pdf(certificate)


def _invoice(language: str) -> bytes:
    invoice = Invoice.objects.select_related("membership__network", "membership__member").first()
    assert invoice is not None, "the demo issues an invoice"
    with translation.override(language):
        return invoice_pdf(invoice)


def _exchange_document(kind: str) -> Callable[[str], bytes]:
    def render(language: str) -> bytes:
        document = Document.objects.filter(kind=kind).order_by("pk").first()
        assert document is not None, f"the demo's completed mobility has a {kind}"
        Document.objects.filter(pk=document.pk).update(languages=[language])
        document.refresh_from_db()
        return document_pdf(document)

    return render


def _attended_registration() -> Registration:
    registration = (
        Registration.objects.filter(status=Registration.Status.COMPLETE)
        .select_related("event", "user", "organisation")
        .order_by("pk")
        .first()
    )
    assert registration is not None, "the demo has people registered for its events"
    return registration_check_in(actor=_operator(), registration=registration)


def _badge(language: str) -> bytes:
    with translation.override(language):
        return badge_pdf(_attended_registration())


def _attendance_certificate(language: str) -> bytes:
    certificate = certificate_issue(actor=_operator(), registration=_attended_registration())
    with translation.override(language):
        return attendance_certificate_pdf(certificate)


def _briefing(language: str) -> bytes:
    hub = Hub.objects.select_related("host").order_by("pk").first()
    assert hub is not None, "the demo has a hub"
    organisation_create(
        creator=_operator(), name="Tsinghua University (layout test)", kind="university", country="CN"
    )
    report = briefing_report_request(actor=_operator(), hub=hub, country="CN", language=language)
    report.refresh_from_db()
    assert report.status == BriefingReport.Status.DONE, report.error
    return report.pdf.read()


DOCUMENTS: dict[str, Callable[[str], bytes]] = {
    "membership_certificate": _membership_certificate,
    "invoice": _invoice,
    "invitation_letter": _exchange_document(Document.Kind.INVITATION_LETTER),
    "placement_agreement": _exchange_document(Document.Kind.PLACEMENT_AGREEMENT),
    "completion_certificate": _exchange_document(Document.Kind.COMPLETION_CERTIFICATE),
    "badge": _badge,
    "attendance_certificate": _attendance_certificate,
    "briefing": _briefing,
}
WITH_QR_CODE = {name for name in DOCUMENTS if name not in ("invoice", "briefing")}


def test_every_signed_document_kind_is_laid_out_here(issued):
    """A kind registered later must join DOCUMENTS: the test names the kinds it covers."""
    covered = {
        "networks.membership_certificate": "membership_certificate",
        "exchanges.document": "invitation_letter",
        "events.attendance_certificate": "attendance_certificate",
    }
    assert {kind.name for kind in registered_kinds()} <= covered.keys()


@pytest.fixture
def issued(demo, db, on_commit_immediately):
    """The demo, restored for the module, in which the services issue the documents; the briefing
    report is built by its task, enqueued on commit."""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_document_lays_out_without_overlaps(name, language, tmp_path, issued):
    data = DOCUMENTS[name](language)
    _keep_sample(f"{name}-{language}", data)

    pages = pdf_layout(data)
    problems = [problem for page in pages for problem in layout_problems(page)]
    assert problems == []
    assert all(page.texts for page in pages)
    if name in WITH_QR_CODE:
        assert all(len(page.qr_codes) == 1 for page in pages), "one QR code on every page"
    assert first_page_is_not_blank(data, tmp_path)


# Persian charts and certificate languages


def test_persian_briefing_charts_are_shaped_text_in_reading_order(tmp_path, issued):
    data = _briefing("fa")
    text = pdf_text(data, tmp_path)
    assert "دانشگاه" in text  # "University", a bar's label: joined and in logical order
    assert "منطقه نوآوری" in text  # the start of a long label, wrapped rather than clipped
    assert "<text" not in data.decode("latin-1")
    assert [problem for page in pdf_layout(data) for problem in layout_problems(page)] == []


def test_iranian_park_certificate_is_in_persian_and_english_with_solar_hijri_dates(tmp_path, issued):
    # given the Iranian park's application to IASP (a network based in Spain), approved and paid
    operator = _operator()
    network = Organisation.objects.get(name=IASP)
    member = Organisation.objects.get(name=IRANIAN_PARK)
    category = MembershipCategory.objects.get(network=network, name="Full member")
    membership = membership_apply(
        actor=operator, network=network, member=member, category=category, message="Tabriz"
    )
    membership_review_start(actor=operator, membership=membership)
    membership_approve(actor=operator, membership=membership, category=category)
    membership_payment_record(
        actor=operator, membership=membership, reference="LAYOUT-IR", paid_on=datetime.date(2026, 3, 21)
    )
    # when the certificate is issued and downloaded
    certificate = Certificate.objects.get(membership=membership)
    data = certificate_pdf(certificate)
    _keep_sample("membership_certificate-iranian-park", data)

    # then it is in Persian first, then English, with the dates in each language's calendar
    assert certificate.languages == ["fa", "en"]
    pages = pdf_layout(data)
    assert len(pages) == 2
    assert [problem for page in pages for problem in layout_problems(page)] == []
    text = pdf_text(data, tmp_path)
    persian_page, english_page = text.split("\f")[:2]
    assert "گواهی عضویت" in persian_page
    assert any(month in persian_page for month in PERSIAN_MONTH_NAMES)
    assert "Certificate of membership" in english_page
    assert "Русск" not in text and "Сертификат" not in text


def test_certificate_languages_follow_the_member_and_the_network(issued):
    from networks.services.certificates import certificate_languages

    certificate = Certificate.objects.select_related("membership__member", "membership__network").first()
    assert certificate is not None
    # the demo's certified member is in Turkmenistan, its network (IASP) in Spain, whose language
    # ParkLink does not print: Turkmen and English, as the demo's certificate was issued
    assert certificate_languages(certificate.membership) == ["tk", "en"] == certificate.languages
