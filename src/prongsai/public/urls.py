"""The public transparency pages (no login): stable URLs an agency gives as OIT evidence."""

from django.urls import path

import prongsai.config.converters  # noqa: F401 - registers <be_year:…>
from prongsai.public import surveys as survey_views
from prongsai.public import views as public_views

P = "p/<int:agency_id>/"
urlpatterns = [
    path(P, public_views.public_agency, name="public"),
    path(P + "ita/<be_year:year>/", public_views.public_analysis, name="public_analysis"),
    path(P + "ita/<be_year:year>.pdf", public_views.public_analysis, name="public_analysis_pdf"),
    path(P + "measures/<be_year:year>/", public_views.public_measures, name="public_measures"),
    path(
        P + "measures/<be_year:year>.pdf", public_views.public_measures, name="public_measures_pdf"
    ),
    path(
        P + "progress/<be_year:year>/<int:months>/",
        public_views.public_progress,
        name="public_progress",
    ),
    path(
        P + "progress/<be_year:year>/<int:months>.pdf",
        public_views.public_progress,
        name="public_progress_pdf",
    ),
    path("s/<str:token>/", survey_views.survey_start, name="survey_start"),
    path("s/<str:token>/<int:number>/", survey_views.survey_page, name="survey_page"),
    path("s/<str:token>/send/", survey_views.survey_send, name="survey_send"),
    path("s/<str:token>/thanks/", survey_views.survey_thanks, name="survey_thanks"),
]
