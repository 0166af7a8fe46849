"""prongsai's URLs plus the baseline of `bench/survey_load.py`: a minimal Django view that
inserts one row (same middleware, same CSRF check, same database)."""

import uuid

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path
from django.utils import timezone

TABLE = "bench_baseline"


def baseline(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (id, day, payload) VALUES (%s, %s, %s)",
                [str(uuid.uuid4()), timezone.localdate().isoformat(), request.POST.get("v", "")],
            )
        return HttpResponse("ok")
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


urlpatterns = [path("bench/baseline/", baseline), path("", include("prongsai.config.urls"))]
