"""The hubs' pages through the Django test client, as the named personas use them."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from conftest import logged_in_client
from core.models import Notification, Sector
from hubs import services
from hubs.models import Agreement, BriefingReport, Hub, Interaction, Kpi, KpiSnapshot, Need

pytestmark = pytest.mark.django_db


def test_owner_opens_a_hub_for_their_park(owner, park, desk_park):
    response = logged_in_client(owner).post(
        reverse("hubs:hub_create"),
        {
            "host": park.pk,
            "partner_country": "CN",
            "mandate": "Technological and innovative interaction with China.",
            "designated_by": "Ministry of Science, Research and Technology",
            "designated_on": "2022-06-22",
            "desk_parks": [desk_park.pk],
            "staff_emails": owner.email,
        },
    )
    hub = Hub.objects.get(partner_country="CN")
    assert response.status_code == 302 and response["Location"] == reverse("hubs:hub_detail", args=[hub.pk])
    assert list(hub.desk_parks.all()) == [desk_park] and list(hub.staff.all()) == [owner]


def test_a_park_may_host_several_hubs_but_one_per_partner(owner, park, hub):
    client = logged_in_client(owner)
    data = {
        "host": park.pk,
        "mandate": "m",
        "designated_by": "Ministry",
        "designated_on": "2022-06-22",
    }
    assert client.post(reverse("hubs:hub_create"), data | {"partner_country": "CN"}).status_code == 302
    response = client.post(reverse("hubs:hub_create"), data | {"partner_country": "TR"})
    assert response.status_code == 200
    assert "already hosts a hub" in response.content.decode()
    assert Hub.objects.filter(host=park).count() == 2


def test_unknown_staff_email_is_a_form_error(owner, park):
    response = logged_in_client(owner).post(
        reverse("hubs:hub_create"),
        {
            "host": park.pk,
            "partner_country": "CN",
            "mandate": "m",
            "designated_by": "Ministry",
            "designated_on": "2022-06-22",
            "staff_emails": "nobody@nowhere.example",
        },
    )
    assert response.status_code == 200 and "nobody@nowhere.example" in response.content.decode()
    assert not Hub.objects.exists()


def test_colleague_cannot_open_a_hub(colleague):
    assert logged_in_client(colleague).get(reverse("hubs:hub_create")).status_code == 403


def test_hub_pages_render_for_the_desk(hub, desk_member, owner):
    client = logged_in_client(desk_member)
    for name in (
        "hub_detail",
        "need_list",
        "interaction_list",
        "hub_feed",
        "agreement_list",
        "programme_list",
    ):
        assert client.get(reverse(f"hubs:{name}", args=[hub.pk])).status_code == 200, name
    assert client.get(reverse("hubs:hub_list")).status_code == 200
    assert client.get(reverse("hubs:hub_edit", args=[hub.pk])).status_code == 403
    assert logged_in_client(owner).get(reverse("hubs:hub_edit", args=[hub.pk])).status_code == 200


def test_hub_list_query_count_does_not_grow_with_hubs(owner, park, hub, django_assert_max_num_queries):
    client = logged_in_client(owner)
    for country in ("AZ", "CN", "DE", "FR", "IT", "JP", "KR", "KZ", "PL", "UZ"):
        services.hub_create(
            actor=owner,
            host=park,
            partner_country=country,
            mandate="m",
            designated_by="M",
            designated_on=datetime.date(2023, 1, 1),
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("hubs:hub_list"))
    assert response.content.decode().count('id="hub-') == 11


def test_owner_edits_the_hub(owner, hub):
    response = logged_in_client(owner).post(
        reverse("hubs:hub_edit", args=[hub.pk]),
        {
            "partner_country": "TR",
            "partner_region": "Marmara",
            "mandate": "A new mandate.",
            "designated_by": "Ministry",
            "designated_on": "2023-02-01",
        },
    )
    assert response.status_code == 302
    hub.refresh_from_db()
    assert hub.partner_region == "Marmara" and hub.mandate == "A new mandate."


def test_desk_registers_and_owner_announces_a_need_which_notifies_the_desk(
    hub, desk_member, owner, colleague
):
    response = logged_in_client(desk_member).post(
        reverse("hubs:need_list", args=[hub.pk]),
        {
            "title": "Calibration of medical devices",
            "description": "Turkish hospitals seek calibration laboratories.",
            "sector": Sector.objects.get(code="metrology").pk,
            "source": "visit",
            "identified_on": "2024-05-02",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302 and need.status == Need.Status.IDENTIFIED
    # not yet announced: the outsider's view is a 404, the desk sees it
    assert logged_in_client(desk_member).get(reverse("hubs:need_detail", args=[need.pk])).status_code == 200

    response = logged_in_client(owner).post(
        reverse("hubs:need_announce", args=[need.pk]), {"visibility": "public"}
    )
    need.refresh_from_db()
    assert need.status == Need.Status.ANNOUNCED and need.visibility == "public"
    recipients = set(
        Notification.objects.filter(topic="hubs.need_announced").values_list("recipient__email", flat=True)
    )
    assert recipients == {desk_member.email, colleague.email}


def test_desk_member_cannot_announce(hub, desk_member):
    need = services.need_register(
        actor=desk_member,
        hub=hub,
        title="t",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    logged_in_client(desk_member).post(
        reverse("hubs:need_announce", args=[need.pk]), {"visibility": "public"}
    )
    need.refresh_from_db()
    assert need.status == Need.Status.IDENTIFIED


def test_public_need_is_seen_by_anonymous_members_need_is_not(hub, owner, anonymous, outsider):
    public = services.need_register(
        actor=owner,
        hub=hub,
        title="Public need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    members = services.need_register(
        actor=owner,
        hub=hub,
        title="Members need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    services.need_announce(actor=owner, need=public, visibility="public")
    services.need_announce(actor=owner, need=members, visibility="members")
    assert anonymous.get(reverse("hubs:need_detail", args=[public.pk])).status_code == 200
    assert anonymous.get(reverse("hubs:need_detail", args=[members.pk])).status_code == 404
    assert logged_in_client(outsider).get(reverse("hubs:need_detail", args=[members.pk])).status_code == 200


def test_need_moves_to_met(hub, owner):
    need = services.need_register(
        actor=owner,
        hub=hub,
        title="t",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    client = logged_in_client(owner)
    client.post(reverse("hubs:need_status", args=[need.pk]), {"status": "met"})
    need.refresh_from_db()
    assert need.status == Need.Status.IDENTIFIED  # an identified need may only be dropped
    services.need_announce(actor=owner, need=need, visibility="members")
    client.post(reverse("hubs:need_status", args=[need.pk]), {"status": "met"})
    need.refresh_from_db()
    assert need.status == Need.Status.MET and need.closed_at is not None


def test_quick_entry_logs_an_interaction(hub, desk_member, partner, desk_park):
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_list", args=[hub.pk]),
        {
            "kind": "delegation",
            "title": "Delegation from Teknopark Istanbul",
            "occurred_on": "2024-03-10",
            "place": "Tabriz",
            "our_organisations": [desk_park.pk],
            "partner_organisations": [partner.pk],
            "partner_people": "Ayşe, Mehmet",
            "outcome": "Agreed to draft an MoU.",
        },
    )
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.kind == "delegation" and list(interaction.partner_organisations.all()) == [partner]


def test_quick_entry_with_bad_date_keeps_the_input(hub, desk_member):
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_list", args=[hub.pk]),
        {"kind": "visit", "title": "A visit worth keeping", "occurred_on": "tomorrow"},
    )
    assert response.status_code == 200
    assert "A visit worth keeping" in response.content.decode()
    assert not Interaction.objects.exists()


def test_interaction_list_query_count(hub, owner, partner, django_assert_max_num_queries):
    for number in range(10):
        services.interaction_log(
            actor=owner,
            hub=hub,
            kind="meeting",
            title=f"Meeting {number}",
            occurred_on=datetime.date(2024, 1, 1),
            partner_organisations=[partner],
        )
    client = logged_in_client(owner)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("hubs:interaction_list", args=[hub.pk]))
    assert len(re.findall(r'id="interaction-\d+"', response.content.decode())) == 10


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("interactions.csv", text.encode("utf-8"), content_type="text/csv")


def test_csv_import_logs_every_row(hub, desk_member, partner):
    content = (
        "kind,date,title,place,partner_organisations,outcome\n"
        "visit,2024-04-01,Visit to Istanbul,Istanbul,Teknopark Istanbul,Two companies met\n"
        "Training,2024-04-02,Training on calibration,Tabriz,,\n"
    )
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_import", args=[hub.pk]), {"file": _csv(content)}
    )
    assert response.status_code == 302
    assert Interaction.objects.filter(origin="import").count() == 2
    assert list(Interaction.objects.get(title="Visit to Istanbul").partner_organisations.all()) == [partner]


def test_csv_import_with_an_error_imports_nothing_and_says_where(hub, desk_member):
    content = "kind,date,title\nvisit,2024-04-01,Fine\nparade,01/04/2024,Bad\n"
    response = logged_in_client(desk_member).post(
        reverse("hubs:interaction_import", args=[hub.pk]), {"file": _csv(content)}, follow=True
    )
    page = response.content.decode()
    assert "Line 3" in page and "Nothing was imported" in page
    assert not Interaction.objects.exists()


def test_feed_shows_marketplace_eois_between_the_countries_without_reentry(
    hub, owner, park, partner, partner_admin, secretariat
):
    from marketplace import eoi_services
    from marketplace import services as profile_services

    profile = profile_services.profile_create(
        actor=owner,
        owner=park,
        kind="TO",
        title="Saffron sorting machine",
        summary="s",
        description="A machine that sorts saffron by colour.",
        sectors=[Sector.objects.get(code="agriculture-food")],
        partnership_types=["licence"],
    )
    profile_services.profile_submit(actor=owner, profile=profile)
    profile_services.profile_publish(actor=secretariat, profile=profile)
    eoi_services.eoi_send(
        sender=partner_admin, sender_organisation=partner, profile=profile, message="Interested"
    )
    services.interaction_log(
        actor=owner, hub=hub, kind="visit", title="Visit to Izmir", occurred_on=datetime.date(2024, 1, 1)
    )
    page = logged_in_client(owner).get(reverse("hubs:hub_feed", args=[hub.pk])).content.decode()
    assert "Saffron sorting machine" in page and "Teknopark Istanbul" in page and "Visit to Izmir" in page
    pair = logged_in_client(owner).get(reverse("hubs:country_pair_feed", args=["IR", "TR"])).content.decode()
    assert "Saffron sorting machine" in pair and "Visit to Izmir" in pair


def test_agreement_lifecycle_through_the_pages(hub, owner, park, partner, partner_admin, agreement):
    owner_client, partner_client = logged_in_client(owner), logged_in_client(partner_admin)
    # the partner's admin sees the agreement but cannot approve a draft
    assert partner_client.get(reverse("hubs:agreement_detail", args=[agreement.pk])).status_code == 200
    owner_client.post(reverse("hubs:agreement_negotiate", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.NEGOTIATION
    first_hash = agreement.text_hash
    owner_client.post(
        reverse("hubs:agreement_approve", args=[agreement.pk]), {"party": park.pk, "text_hash": first_hash}
    )
    partner_client.post(
        reverse("hubs:agreement_approve", args=[agreement.pk]), {"party": partner.pk, "text_hash": first_hash}
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.APPROVED

    response = owner_client.post(
        reverse("hubs:agreement_edit", args=[agreement.pk]),
        {
            "kind": "mou",
            "title": agreement.title,
            "text": agreement.text + " Each desk reports yearly.",
            "parties": [park.pk, partner.pk],
            "scope": ["rd-collaboration", "smes", "metrology"],
        },
        follow=True,
    )
    assert "every approval has been voided" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.NEGOTIATION and agreement.text_hash != first_hash
    assert not agreement.parties.exclude(approved_hash="").exists()
    # an approval of the old text is refused
    partner_client.post(
        reverse("hubs:agreement_approve", args=[agreement.pk]), {"party": partner.pk, "text_hash": first_hash}
    )
    assert not agreement.parties.exclude(approved_hash="").exists()
    for client, party in ((owner_client, park), (partner_client, partner)):
        client.post(
            reverse("hubs:agreement_approve", args=[agreement.pk]),
            {"party": party.pk, "text_hash": agreement.text_hash},
        )
    owner_client.post(reverse("hubs:agreement_sign", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED and agreement.signed_on is not None


def test_partner_admin_cannot_approve_for_the_host(agreement, owner, park, partner_admin):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    logged_in_client(partner_admin).post(
        reverse("hubs:agreement_approve", args=[agreement.pk]),
        {"party": park.pk, "text_hash": agreement.text_hash},
    )
    assert not agreement.parties.exclude(approved_hash="").exists()


def test_document_upload_voids_approvals(agreement, owner, park, pdf_bytes):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    logged_in_client(owner).post(
        reverse("hubs:agreement_document_add", args=[agreement.pk]),
        {"file": SimpleUploadedFile("annex.pdf", pdf_bytes, content_type="application/pdf")},
    )
    agreement.refresh_from_db()
    assert agreement.documents.count() == 1
    assert not agreement.parties.exclude(approved_hash="").exists()
    document = agreement.documents.get()
    response = logged_in_client(owner).get(
        reverse("hubs:agreement_document_download", args=[agreement.pk, document.pk])
    )
    # Stored without its metadata (core.uploads), so the same pages rather than the same bytes.
    assert response.status_code == 200 and len(PdfReader(io.BytesIO(response.getvalue())).pages) == 1


def _signed(agreement, owner, park, partner, partner_admin):
    services.agreement_negotiation_open(actor=owner, agreement=agreement)
    services.agreement_approve(actor=owner, agreement=agreement, party=park, text_hash=agreement.text_hash)
    services.agreement_approve(
        actor=partner_admin, agreement=agreement, party=partner, text_hash=agreement.text_hash
    )
    return services.agreement_sign(actor=owner, agreement=agreement)


def test_terminate_and_renew(agreement, owner, park, partner, partner_admin):
    _signed(agreement, owner, park, partner, partner_admin)
    response = logged_in_client(owner).post(reverse("hubs:agreement_renew", args=[agreement.pk]))
    agreement.refresh_from_db()
    successor = agreement.renewed_by
    assert agreement.status == Agreement.Status.RENEWED and successor.status == Agreement.Status.DRAFT
    assert response["Location"] == reverse("hubs:agreement_detail", args=[successor.pk])
    other = services.agreement_draft(
        actor=owner, hub=agreement.hub, kind="cooperation", title="Second", text="t", parties=[park, partner]
    )
    _signed(other, owner, park, partner, partner_admin)
    logged_in_client(owner).post(
        reverse("hubs:agreement_terminate", args=[other.pk]), {"reason": "Merged into the first."}
    )
    other.refresh_from_db()
    assert other.status == Agreement.Status.TERMINATED and other.closing_note == "Merged into the first."


def test_follow_up_action_and_daily_reminder(agreement, owner, colleague):
    from django.core.management import call_command

    logged_in_client(owner).post(
        reverse("hubs:follow_up_action_add", args=[agreement.pk]),
        {
            "action-title": "Send the draft annex",
            "action-owner_email": colleague.email,
            "action-due_on": datetime.date.today().isoformat(),
        },
    )
    assert agreement.actions.count() == 1
    call_command("hubs_daily")
    call_command("hubs_daily")  # once a day only
    assert Notification.objects.filter(topic="hubs.follow_up_due", recipient=colleague).count() == 1


def test_agreement_past_its_end_expires(agreement, owner, park, partner, partner_admin):
    agreement.ends_on = datetime.date(2020, 1, 1)
    agreement.save(update_fields=["ends_on"])
    services.agreement_update(
        actor=owner,
        agreement=agreement,
        kind="mou",
        title=agreement.title,
        text=agreement.text,
        parties=[park, partner],
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2020, 1, 1),
    )
    _signed(agreement, owner, park, partner, partner_admin)
    assert services.agreements_expire_due(today=datetime.date.today()) == 1
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.EXPIRED


def test_programme_kpi_counts_signed_agreements(hub, owner, park, partner, partner_admin, agreement):
    client = logged_in_client(owner)
    response = client.post(
        reverse("hubs:programme_list", args=[hub.pk]),
        {
            "title": "Short-term programme",
            "horizon": "short",
            "starts_on": "2024-01-01",
            "ends_on": "2030-12-31",
            "objectives": "Sign agreements.",
            "responsible_organisations": [park.pk],
        },
    )
    programme = hub.programmes.get()
    assert response["Location"] == reverse("hubs:programme_detail", args=[programme.pk])
    client.post(
        reverse("hubs:kpi_add", args=[programme.pk]),
        {"name": "Agreements signed", "metric": "agreements_signed", "target": 2},
    )
    kpi = Kpi.objects.get()
    assert KpiSnapshot.objects.get(kpi=kpi).value == 0
    _signed(agreement, owner, park, partner, partner_admin)
    page = client.get(reverse("hubs:programme_detail", args=[programme.pk])).content.decode()
    assert 'class="kpi-actual fw-bold">1<' in page
    services.kpi_snapshots_take()
    assert KpiSnapshot.objects.get(kpi=kpi).value == 1
    client.post(
        reverse("hubs:programme_action_add", args=[programme.pk]),
        {"title": "Open the joint office", "responsible": park.pk},
    )
    action = programme.actions.get()
    client.post(reverse("hubs:programme_action_status", args=[programme.pk, action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"


def test_briefing_report_page_and_pdf(hub, owner, desk_member, django_capture_on_commit_callbacks):
    services.interaction_log(
        actor=owner,
        hub=hub,
        kind="delegation",
        title="Delegation to Ankara",
        occurred_on=datetime.date(2024, 2, 2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client(desk_member).post(
            reverse("hubs:report_request", args=[hub.pk]), {"country": "", "as_of": ""}
        )
    report = BriefingReport.objects.get()
    assert response["Location"] == reverse("hubs:report_detail", args=[report.pk])
    assert report.status == BriefingReport.Status.DONE and report.country == "TR"
    page = logged_in_client(desk_member).get(response["Location"]).content.decode()
    assert "Delegation to Ankara" in page and "<svg" in page and "hx-trigger" not in page
    pdf = logged_in_client(desk_member).get(reverse("hubs:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_report_in_progress_polls(hub, owner):
    report = BriefingReport.objects.create(
        hub=hub, country="TR", as_of=datetime.date(2024, 1, 1), language="en", progress=40
    )
    fragment = logged_in_client(owner).get(reverse("hubs:report_progress", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "40%" in fragment


def test_report_for_a_future_day_is_refused(hub, owner):
    response = logged_in_client(owner).post(
        reverse("hubs:report_request", args=[hub.pk]), {"as_of": "2999-01-01"}, follow=True
    )
    assert "still to come" in response.content.decode()
    assert not BriefingReport.objects.exists()


def test_ranking_shows_formula_and_breakdown(hub, owner, park, partner, partner_admin, agreement):
    services.interaction_log(
        actor=owner,
        hub=hub,
        kind="visit",
        title="v",
        occurred_on=datetime.date.today(),
        our_organisations=[park],
    )
    _signed(agreement, owner, park, partner, partner_admin)
    page = logged_in_client(owner).get(reverse("analytics:ranking")).content.decode()
    formula = (
        "index = 1 × interactions + 3 × agreements signed + 0.5 × expressions of interest"  # noqa: RUF001
        " + 2 × exchanges completed"  # noqa: RUF001
    )
    assert formula in page
    assert "Tabriz Science Park" in page and ">4.0<" in page  # one interaction and one agreement (3 points)


def test_subscriber_receives_the_monthly_digest(hub, owner, desk_member):
    logged_in_client(desk_member).post(reverse("hubs:hub_subscribe", args=[hub.pk]), {"subscribed": "1"})
    today = datetime.date.today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    services.interaction_log(
        actor=owner, hub=hub, kind="meeting", title="Meeting in Ankara", occurred_on=last_month
    )
    from django.core.management import call_command

    call_command("hubs_monthly_digest")
    call_command("hubs_monthly_digest")  # once a month only
    assert len(mail.outbox) == 1 and "Meeting in Ankara" in mail.outbox[0].body
    assert mail.outbox[0].to == [desk_member.email]


def test_announced_needs_page_lists_what_each_visitor_may_see(hub, owner, anonymous, outsider):
    public = services.need_register(
        actor=owner,
        hub=hub,
        title="Public need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    members = services.need_register(
        actor=owner,
        hub=hub,
        title="Members need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    services.need_register(
        actor=owner,
        hub=hub,
        title="Unannounced need",
        description="d",
        source="document",
        identified_on=datetime.date(2024, 1, 1),
    )
    services.need_announce(actor=owner, need=public, visibility="public")
    services.need_announce(actor=owner, need=members, visibility="members")
    anonymous_page = anonymous.get(reverse("hubs:announced_needs")).content.decode()
    assert "Public need" in anonymous_page and "Members need" not in anonymous_page
    outsider_page = logged_in_client(outsider).get(reverse("hubs:announced_needs")).content.decode()
    assert "Public need" in outsider_page and "Members need" in outsider_page
    assert "Unannounced need" not in outsider_page


def test_need_links_a_marketplace_request(hub, owner, park, secretariat):
    from marketplace import services as profile_services

    request_profile = profile_services.profile_create(
        actor=owner,
        owner=park,
        kind="TR",
        title="We seek calibration partners",
        summary="s",
        description="d",
        sectors=[Sector.objects.get(code="metrology")],
        partnership_types=["licence"],
    )
    response = logged_in_client(owner).post(
        reverse("hubs:need_list", args=[hub.pk]),
        {
            "title": "Calibration",
            "description": "d",
            "source": "request_profile",
            "identified_on": "2024-05-02",
            "profiles": [request_profile.pk],
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302 and list(need.profiles.all()) == [request_profile]
    page = logged_in_client(owner).get(reverse("hubs:need_detail", args=[need.pk])).content.decode()
    assert "We seek calibration partners" in page


def test_a_failing_report_is_marked_failed_and_says_so(
    hub, owner, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("hubs.briefing_build.report_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client(owner).post(reverse("hubs:report_request", args=[hub.pk]), {})
    report = BriefingReport.objects.get()
    assert report.status == BriefingReport.Status.FAILED and "disk full" in report.error
    page = logged_in_client(owner).get(response["Location"]).content.decode()
    assert "could not be prepared" in page


def test_anonymous_reads_a_public_need_without_its_linked_organisations(hub, owner, partner, anonymous):
    need = services.need_register(
        actor=owner,
        hub=hub,
        title="Public need",
        description="Described for everyone.",
        source="visit",
        identified_on=datetime.date(2024, 1, 1),
        organisations=[partner],
    )
    services.need_announce(actor=owner, need=need, visibility="public")
    page = anonymous.get(reverse("hubs:need_detail", args=[need.pk])).content.decode()
    assert "Described for everyone." in page and "Teknopark Istanbul" not in page
    assert (
        "Teknopark Istanbul"
        in logged_in_client(owner).get(reverse("hubs:need_detail", args=[need.pk])).content.decode()
    )
