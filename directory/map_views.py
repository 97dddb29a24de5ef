"""The offline map: organisations with coordinates as dots on a world map drawn in the browser.

The page ships the world's country boundaries (static/vendor/world-atlas) and asks
`organisation_map_points` for the dots, so it needs nothing from any other host. Both read through
`organisations_search`, so the map shows exactly what the directory shows the same person for the same
search (the directory's "Map" button passes its query string on). When filtered, the points carry the
bounds the map zooms to.
"""

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.taxonomies import country_choices
from directory.models import Organisation
from directory.selectors import organisations_search, organisations_visible_to

# Coordinates to about 100 m: plenty for a world map, and a third shorter than full floats.
COORDINATE_DIGITS = 3


def _kind_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any"))), *((value, str(label)) for value, label in Organisation.Kind.choices)]


def _country_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any"))), *country_choices()]


class MapFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    # Callables, so the labels follow the language of each request.
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_kind_choices)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)


def _mapped_organisations(user: object, form: MapFilterForm) -> QuerySet[Organisation]:
    organisations = organisations_search(
        user,
        q=form.cleaned_data.get("q") or "",
        kind=form.cleaned_data.get("kind") or "",
        country=form.cleaned_data.get("country") or "",
        sort="name",
    )
    return organisations.filter(latitude__isnull=False, longitude__isnull=False)


Bounds = list[list[float]]  # [[south, west], [north, east]]


def _bounds(coordinates: list[tuple[float, float]]) -> Bounds | None:
    if not coordinates:
        return None
    latitudes = [latitude for latitude, _longitude in coordinates]
    longitudes = [longitude for _latitude, longitude in coordinates]
    return [[min(latitudes), min(longitudes)], [max(latitudes), max(longitudes)]]


def _zoom_bounds(user: object, form: MapFilterForm, coordinates: list[tuple[float, float]]) -> Bounds | None:
    """Where the map zooms when filtered: the shown points, or, when none has coordinates and a country
    is chosen, the organisations of that country the person may see. None: the whole world."""
    if not any(form.cleaned_data.get(name) for name in ("q", "kind", "country")):
        return None
    if coordinates or not form.cleaned_data.get("country"):
        return _bounds(coordinates)
    in_country = (
        organisations_visible_to(user)
        .exclude(status=Organisation.Status.MERGED)
        .filter(country=form.cleaned_data["country"], latitude__isnull=False, longitude__isnull=False)
        .values_list("latitude", "longitude")
    )
    return _bounds([(latitude or 0.0, longitude or 0.0) for latitude, longitude in in_country])


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


def organisation_map_points(request: HttpRequest) -> JsonResponse:
    """`{"count", "detail_url", "points": [[id, latitude, longitude, name, kind], ...], "bounds"}`.

    `detail_url` holds "{id}" where each point's id goes, which keeps thousands of points compact.
    `bounds` is `[[south, west], [north, east]]` for the map to zoom to when a filter is set, else null.
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
    coordinates = [(float(point[1]), float(point[2])) for point in points]  # type: ignore[arg-type]
    bounds = _zoom_bounds(request.user, form, coordinates)
    return JsonResponse({"count": len(points), "detail_url": detail_url, "points": points, "bounds": bounds})
