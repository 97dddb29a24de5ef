"""Pages where platform operators and network secretariats find duplicate records and merge them."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from core.edges import service_call
from core.permissions import deny_unless
from directory.duplicates import (
    can_look_for_duplicates,
    can_merge,
    duplicate_candidates,
    get_merge_pair_for_user,
)
from directory.duplicates import (
    organisation_merge as merge,
)

NOT_ALLOWED = _("Only platform operators and network secretariats look for duplicate records.")


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(label=_("Which record survives?"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["survivor"].choices = choices  # type: ignore[attr-defined]


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    deny_unless(can_look_for_duplicates(request.user), NOT_ALLOWED)
    return render(request, "directory/duplicate_list.html", {"pairs": duplicate_candidates(request.user)})


@login_required
def organisation_merge(request: HttpRequest, first_pk: int, second_pk: int) -> HttpResponse:
    deny_unless(can_look_for_duplicates(request.user), NOT_ALLOWED)
    first, second = get_merge_pair_for_user(request.user, first_pk, second_pk)
    deny_unless(
        can_merge(request.user, first, second),
        _("Only a platform operator, or a network secretariat that moderates both, can merge organisations."),
    )
    form = MergeForm(
        request.POST or None,
        choices=[(first.pk, f"{first.name} (#{first.pk})"), (second.pk, f"{second.name} (#{second.pk})")],
    )
    if request.method == "POST" and form.is_valid():
        survivor, duplicate = (
            (first, second) if form.cleaned_data["survivor"] == first.pk else (second, first)
        )
        if service_call(
            request,
            form,
            lambda: merge(actor=request.user, survivor=survivor, duplicate=duplicate),
            _("%(duplicate)s has been merged into %(survivor)s.")
            % {"duplicate": duplicate.name, "survivor": survivor.name},
        ):
            return redirect("directory:organisation_detail", pk=survivor.pk)
    return render(
        request,
        "directory/duplicate_merge.html",
        {"records": [first, second], "form": form},
        status=400 if form.errors else 200,
    )
