"""The marketplace's pages: they parse input, call one selector or service, and render."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from core.edges import service_call
from core.forms import FILTER_WIDGETS_CACHE_SECONDS, filter_widgets_cache_key
from core.pagination import CappedPaginator
from core.permissions import deny_unless
from core.taxonomies import country_name, language_name, sdg_label
from core.uploads import upload_download_response
from directory.selectors import member_organisation_ids, member_organisations
from marketplace import services
from marketplace.forms import (
    SEARCH_FIELDS_DRAWN_APART,
    AttachmentForm,
    ModerationForm,
    ProfileForm,
    ProfileSearchForm,
    RejectForm,
)
from marketplace.history import profile_history_sentence
from marketplace.models import Profile
from marketplace.selectors import (
    ProfilePermissions,
    get_profile_for_user,
    history_of,
    moderated_by_operators,
    moderates_anything,
    moderation_queue,
    owner_place_label,
    profiles_of_my_organisations,
    profiles_search,
)

RESULTS_PER_PAGE = 20


def _status_label(value: str) -> str:
    return str(Profile.Status(value).label) if value in Profile.Status.values else value


def _label_owners(profiles: Iterable[Profile]) -> None:
    """Where the owner is, in the interface language (its country, or only its region where an anonymous
    owner chose so; shown even for an anonymous owner)."""
    for profile in profiles:
        profile.owner_country_label = owner_place_label(profile)  # type: ignore[attr-defined]


def _owners(request: HttpRequest) -> Any:
    return member_organisations(request.user)


def _attachment_limit() -> str:
    return str(filesizeformat(settings.MARKETPLACE_ATTACHMENT_MAX_BYTES))


def profile_list(request: HttpRequest) -> HttpResponse:
    """The marketplace: every profile the visitor may see, with keyword search, filters and sorting."""
    form = ProfileSearchForm(request.GET or None)
    arguments = form.search_arguments()
    page = CappedPaginator(profiles_search(request.user, **arguments), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    _label_owners(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "marketplace/profile_list.html",
        {
            "form": form,
            "filters_key": filter_widgets_cache_key(form, drawn_apart=SEARCH_FIELDS_DRAWN_APART),
            "drawn_apart": SEARCH_FIELDS_DRAWN_APART,
            "filters_cache_seconds": FILTER_WIDGETS_CACHE_SECONDS,
            "page": page,
            "query": query.urlencode(),
            "can_create": bool(member_organisation_ids(request.user)),
            "can_moderate": moderates_anything(request.user),
        },
    )


def _render_detail(
    request: HttpRequest,
    profile: Profile,
    permissions: ProfilePermissions,
    *,
    bound_forms: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The profile page; `bound_forms` (by context name) replace the empty forms, errors and all."""
    _label_owners([profile])
    history = list(history_of(profile, permissions))
    for event in history:
        event.sentence = profile_history_sentence(event)  # type: ignore[attr-defined]
        event.from_label = _status_label(event.from_status)  # type: ignore[attr-defined]
        event.to_label = _status_label(event.to_status)  # type: ignore[attr-defined]
    return render(
        request,
        "marketplace/profile_detail.html",
        {
            "profile": profile,
            "permissions": permissions,
            "history": history,
            "target_countries": [country_name(row.country) for row in profile.target_countries.all()],
            "sdgs": [f"{row.goal}. {sdg_label(row.goal)}" for row in profile.sdgs.all()],
            "language_label": language_name(profile.language) if profile.language else "",
            "return_form": ModerationForm(prefix="return"),
            "reject_form": RejectForm(prefix="reject"),
            "attachment_form": AttachmentForm(),
            "attachment_limit": _attachment_limit(),
        }
        | (bound_forms or {}),
        status=status,
    )


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile, permissions = get_profile_for_user(request.user, pk)
    return _render_detail(request, profile, permissions)


@login_required
def profile_create(request: HttpRequest) -> HttpResponse:
    owners = _owners(request)
    deny_unless(owners.exists(), _("Join or create an organisation to publish profiles in its name."))
    form = ProfileForm(
        request.POST or None, request.FILES or None, owners=owners, attachment_limit=_attachment_limit()
    )
    if request.method == "POST" and form.is_valid():
        done = service_call(
            request,
            form,
            lambda: services.profile_create(actor=request.user, **form.service_arguments()),
            _("The profile has been saved as a draft; submit it when it is ready."),
        )
        if done:
            return redirect("marketplace:profile_detail", pk=done.result.pk)
    return render(request, "marketplace/profile_form.html", {"form": form, "profile": None})


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile, permissions = get_profile_for_user(request.user, pk)
    deny_unless(
        permissions.can_edit,
        _("Only the people of the owner organisation edit its draft, returned or published profiles."),
    )
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=profile, attachment_limit=_attachment_limit()
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and service_call(
            request,
            form,
            lambda: services.profile_update(actor=request.user, profile=profile, **form.service_arguments()),
            _("The profile has been saved."),
        )
    ):
        return redirect("marketplace:profile_detail", pk=profile.pk)
    return render(request, "marketplace/profile_form.html", {"form": form, "profile": profile})


def _transition_view(
    request: HttpRequest,
    pk: int,
    call: Callable[[Profile], Any],
    done: StrOrPromise,
) -> HttpResponse:
    profile, _permissions = get_profile_for_user(request.user, pk)
    service_call(request, None, lambda: call(profile), done)
    return redirect("marketplace:profile_detail", pk=pk)


@login_required
@require_POST
def profile_submit(request: HttpRequest, pk: int) -> HttpResponse:
    profile, _permissions = get_profile_for_user(request.user, pk)
    # An organisation in no network has no secretariat to review it: ParkLink's operators do, and say so.
    done = (
        _(
            "Your profile was sent to ParkLink's operators for review, since your organisation belongs "
            "to no network."
        )
        if moderated_by_operators(profile)
        else _("The profile has been submitted to its moderators.")
    )
    return _transition_view(
        request, pk, lambda profile: services.profile_submit(actor=request.user, profile=profile), done
    )


@login_required
@require_POST
def profile_publish(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The profile has been published for twelve months.")
    if request.POST.get("next") == "queue":
        profile, _permissions = get_profile_for_user(request.user, pk)
        service_call(
            request, None, lambda: services.profile_publish(actor=request.user, profile=profile), done
        )
        return redirect("marketplace:moderation_queue")
    return _transition_view(
        request, pk, lambda profile: services.profile_publish(actor=request.user, profile=profile), done
    )


def _form_write(
    request: HttpRequest,
    pk: int,
    form: Form,
    form_name: str,
    write: Callable[[Profile, dict[str, Any]], object],
    done: StrOrPromise,
) -> HttpResponse:
    """Validate `form`, call `write` with the profile and the cleaned data, and go back to the profile;
    on bad input or a refused write, show the profile again with the form and its errors."""
    profile, permissions = get_profile_for_user(request.user, pk)
    if form.is_valid() and service_call(request, form, lambda: write(profile, form.cleaned_data), done):
        return redirect("marketplace:profile_detail", pk=pk)
    return _render_detail(request, profile, permissions, bound_forms={form_name: form}, status=422)


@login_required
@require_POST
def profile_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_write(
        request,
        pk,
        ModerationForm(request.POST, prefix="return"),
        "return_form",
        lambda profile, data: services.profile_return(
            actor=request.user, profile=profile, comments=data["comments"]
        ),
        _("The profile has been returned to its authors."),
    )


@login_required
@require_POST
def profile_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_write(
        request,
        pk,
        RejectForm(request.POST, prefix="reject"),
        "reject_form",
        lambda profile, data: services.profile_reject(
            actor=request.user, profile=profile, reason=data["reason"]
        ),
        _("The profile has been rejected."),
    )


@login_required
@require_POST
def profile_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition_view(
        request,
        pk,
        lambda profile: services.profile_extend(actor=request.user, profile=profile),
        _("The profile has been extended by twelve months."),
    )


@login_required
@require_POST
def profile_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition_view(
        request,
        pk,
        lambda profile: services.profile_archive(actor=request.user, profile=profile),
        _("The profile has been archived."),
    )


@login_required
@require_POST
def profile_set_open_for_eoi(request: HttpRequest, pk: int) -> HttpResponse:
    open_for_eoi = request.POST.get("open") == "1"
    return _transition_view(
        request,
        pk,
        lambda profile: services.profile_set_open_for_eoi(
            actor=request.user, profile=profile, open_for_eoi=open_for_eoi
        ),
        _("The profile is open for expressions of interest.")
        if open_for_eoi
        else _("The profile is closed for expressions of interest."),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_write(
        request,
        pk,
        AttachmentForm(request.POST, request.FILES),
        "attachment_form",
        lambda profile, data: services.attachment_add(
            actor=request.user, profile=profile, uploaded=data["attachments"]
        ),
        _("The file has been attached."),
    )


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    profile, _permissions = get_profile_for_user(request.user, pk)
    attachment = profile.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("No such attachment."))
    return _transition_view(
        request,
        pk,
        lambda _profile: services.attachment_remove(actor=request.user, attachment=attachment),
        _("The file has been removed."),
    )


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A profile's attachment, to whoever may see the profile, as the type its content proved to be."""
    profile, _permissions = get_profile_for_user(request.user, pk)
    attachment = profile.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("No such attachment."))
    return upload_download_response(
        attachment.file, content_type=attachment.content_type, filename=attachment.original_name
    )


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    """Submitted profiles waiting for the secretariat (or a platform operator); refused to anyone else."""
    deny_unless(
        moderates_anything(request.user),
        _("Only network secretariats and ParkLink's operators have a moderation queue."),
    )
    page = Paginator(moderation_queue(request.user), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    _label_owners(page.object_list)
    return render(request, "marketplace/moderation_queue.html", {"page": page})


@login_required
def my_profiles(request: HttpRequest) -> HttpResponse:
    """Every profile of the organisations the person belongs to, whatever its status."""
    page = Paginator(profiles_of_my_organisations(request.user), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    _label_owners(page.object_list)
    return render(
        request,
        "marketplace/my_profiles.html",
        {"page": page, "can_create": bool(member_organisation_ids(request.user))},
    )
