"""Pages of the obligations app (the full UI arrives with the web issue)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "obligations/home.html", {})
