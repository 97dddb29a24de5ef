"""Exchanges in the API: the same selectors and services as the pages.

Programmes, calls and placements are public (a token, when sent, identifies the caller, so managers
also see draft calls). An application's transitions are actions: `POST
/exchange-applications/{id}/actions/{action}`. A reviewer of a blind call gets `applicant: null` and
`home_organisation: null`, and no files, exactly as on the pages.

One module per concept registers its endpoints on the one `router` (in `base`), in this order.
"""

from exchanges.api import applications, calls, documents, placements, programmes, reviews
from exchanges.api.base import router

__all__ = ["applications", "calls", "documents", "placements", "programmes", "reviews", "router"]
