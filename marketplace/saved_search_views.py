"""The person's saved marketplace searches: save one from the list, rename it, change its digest,
delete it, open it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.edges import service_call
from marketplace.models import SavedSearch
from marketplace.saved_search_forms import SavedSearchCreateForm, SavedSearchUpdateForm
from marketplace.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_query_from,
    saved_search_query_string,
    saved_search_update,
    saved_searches_of,
)


def _own_saved_search(request: HttpRequest, pk: int) -> SavedSearch:
    saved_search = saved_searches_of(request.user).filter(pk=pk).first()
    if saved_search is None:
        raise Http404(_("No such saved search."))
    return saved_search


def _search_url(saved_search: SavedSearch) -> str:
    query_string = saved_search_query_string(saved_search)
    return reverse("marketplace:profile_list") + (f"?{query_string}" if query_string else "")


def _render_list(
    request: HttpRequest,
    *,
    invalid: SavedSearch | None = None,
    invalid_form: SavedSearchUpdateForm | None = None,
) -> HttpResponse:
    rows = []
    for saved_search in saved_searches_of(request.user):
        if invalid is not None and saved_search.pk == invalid.pk and invalid_form is not None:
            form = invalid_form
        else:
            form = SavedSearchUpdateForm(
                initial={"name": saved_search.name, "frequency": saved_search.frequency},
                prefix=f"search-{saved_search.pk}",
            )
        rows.append({"search": saved_search, "form": form, "url": _search_url(saved_search)})
    return render(
        request,
        "marketplace/saved_search_list.html",
        {"rows": rows},
        status=422 if invalid_form is not None else 200,
    )


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request)


@login_required
def saved_search_create_view(request: HttpRequest) -> HttpResponse:
    """GET shows the form for the query string it is given; POST saves the search."""
    if request.method != "POST":
        form = SavedSearchCreateForm(initial={"query": request.GET.urlencode()})
        return render(request, "marketplace/saved_search_form.html", {"form": form})
    form = SavedSearchCreateForm(request.POST)
    if form.is_valid() and service_call(
        request,
        form,
        lambda: saved_search_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
            query=saved_search_query_from(form.cleaned_data["query"]),
        ),
        lambda saved_search: _("The search “%(name)s” has been saved.") % {"name": saved_search.name},
    ):
        return redirect("marketplace:saved_searches")
    return render(request, "marketplace/saved_search_form.html", {"form": form}, status=422)


@login_required
@require_POST
def saved_search_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = _own_saved_search(request, pk)
    form = SavedSearchUpdateForm(request.POST, prefix=f"search-{saved_search.pk}")
    if form.is_valid() and service_call(
        request,
        form,
        lambda: saved_search_update(
            actor=request.user,
            saved_search=saved_search,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
        ),
        _("The saved search has been updated."),
    ):
        return redirect("marketplace:saved_searches")
    return _render_list(request, invalid=saved_search, invalid_form=form)


@login_required
@require_POST
def saved_search_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = _own_saved_search(request, pk)
    saved_search_delete(actor=request.user, saved_search=saved_search)
    messages.success(request, _("The saved search has been deleted."))
    return redirect("marketplace:saved_searches")
