"""The offline map: organisations with coordinates as dots on a world map drawn in the browser.

The page ships the world's country boundaries (static/vendor/world-atlas) and asks
`organisation_map_points` for the dots, so it needs nothing from any other host. Both read through
`organisations_visible_to`, so the map shows exactly what the directory shows the same person.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.taxonomies import country_choices
from directory.models import Organisation
from directory.selectors import organisations_visible_to

# Coordinates to about 100 m: plenty for a world map, and a third shorter than full floats.
COORDINATE_DIGITS = 3


def _kind_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any"))), *((value, str(label)) for value, label in Organisation.Kind.choices)]


def _country_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any"))), *country_choices()]


class MapFilterForm(forms.Form):
    # Callables, so the labels follow the language of each request.
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_kind_choices)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)


def _mapped_organisations(user: object, form: MapFilterForm) -> QuerySet[Organisation]:
    organisations = organisations_visible_to(user).filter(latitude__isnull=False, longitude__isnull=False)
    organisations = organisations.exclude(status=Organisation.Status.MERGED)
    if form.cleaned_data.get("kind"):
        organisations = organisations.filter(kind=form.cleaned_data["kind"])
    if form.cleaned_data.get("country"):
        organisations = organisations.filter(country=form.cleaned_data["country"])
    return organisations


@login_required
def organisation_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET or None)
    form.is_valid()  # errors are shown beside the fields; the map then waits for a valid choice
    return render(
        request,
        "directory/map.html",
        {
            "form": form,
            "points_url": f"{reverse('directory:organisation_map_points')}?{request.GET.urlencode()}",
            "filters_valid": not form.errors,
        },
    )


@login_required
def organisation_map_points(request: HttpRequest) -> JsonResponse:
    """`{"count", "detail_url", "points": [[id, latitude, longitude, name, kind], ...]}`.

    `detail_url` holds "{id}" where each point's id goes, which keeps thousands of points compact.
    """
    form = MapFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"message": str(_("Choose a kind and a country from the lists.")), "code": "invalid_filter"},
            status=400,
        )
    rows = _mapped_organisations(request.user, form).values_list(
        "pk", "latitude", "longitude", "name", "kind"
    )
    # latitude and longitude are never None here: _mapped_organisations filters those out.
    points = [
        [
            pk,
            round(latitude or 0.0, COORDINATE_DIGITS),
            round(longitude or 0.0, COORDINATE_DIGITS),
            name,
            kind,
        ]
        for pk, latitude, longitude, name, kind in rows
    ]
    detail_url = reverse("directory:organisation_detail", kwargs={"pk": 0}).replace("/0/", "/{id}/")
    return JsonResponse({"count": len(points), "detail_url": detail_url, "points": points})
