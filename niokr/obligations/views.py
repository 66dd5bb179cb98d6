"""Pages of the obligations app (the full UI arrives with the web issue)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from niokr.obligations.queries import holder_statuses, latest_year


@login_required
def home(request):
    """Subsoil users visible to the user, with their obligation status for the latest year."""
    year = latest_year(request.user)
    rows = holder_statuses(request.user, year) if year else []
    return render(request, "obligations/home.html", {"year": year, "rows": rows})
