"""The project's URLs plus /bench/bare/: a logged-in view that does nothing, the ceiling of a load run
(session, user and middleware cost, no query of its own)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from talentportal.urls import urlpatterns as project_urlpatterns


@login_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *project_urlpatterns]
handler404 = "talentportal.views.error_404"
handler500 = "talentportal.views.error_500"
