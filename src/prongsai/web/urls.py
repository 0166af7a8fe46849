"""The signed-in workbench's URLs."""

from django.urls import path

from prongsai.web.views import agency as agency_views
from prongsai.web.views import documents as document_views
from prongsai.web.views import home, tokens
from prongsai.web.views import oversight as oversight_views
from prongsai.web.views import plan as plan_views
from prongsai.web.views import progress as progress_views
from prongsai.web.views import results as results_page
from prongsai.web.views import results_import as results_views

A = "agencies/<int:agency_id>/"
PLAN = A + "plans/<int:year>/"
ROUND = PLAN + "rounds/<int:months>/"

agency_urls = [
    path(A, agency_views.agency_home, name="agency"),
    path(A + "settings/", agency_views.agency_settings, name="agency_settings"),
    path(A + "members/", agency_views.members, name="members"),
    path(
        A + "members/<int:membership_id>/remove/", agency_views.remove_member, name="remove_member"
    ),
    path(A + "audit/", agency_views.audit, name="audit"),
]
result_urls = [
    path(A + "results/import/", results_views.import_page, name="import_results"),
    path(A + "results/", results_views.results_form, name="results_form"),
    path(A + "results/<int:year>/", results_page.results_year, name="results_year"),
    path(A + "results/<int:year>/publish/", results_page.results_publish, name="results_publish"),
    path("templates/results/", results_views.results_template, name="results_template"),
]
plan_urls = [
    path(PLAN, plan_views.plan_page, name="plan"),
    path(PLAN + "suggest/", plan_views.suggest, name="suggest"),
    path(PLAN + "measures/new/", plan_views.measure_edit, name="measure_new"),
    path(PLAN + "measures/<int:number>/", plan_views.measure_edit, name="measure"),
    path(PLAN + "measures/<int:number>/delete/", plan_views.measure_delete, name="measure_delete"),
    path(PLAN + "step/<str:step>/", plan_views.plan_step, name="plan_step"),
    path(PLAN + "rounds/", plan_views.round_open, name="round_open"),
    path(ROUND, progress_views.round_page, name="round"),
    path(ROUND + "publish/", progress_views.round_publish, name="round_publish"),
    path(ROUND + "measures/<int:number>/", progress_views.entry_edit, name="entry"),
    path(
        ROUND + "measures/<int:number>/evidence/", progress_views.evidence_add, name="evidence_add"
    ),
    path(A + "evidence/<int:evidence_id>/", progress_views.evidence_file, name="evidence_file"),
]
document_urls = [
    path(A + "documents/", document_views.documents_page, name="documents"),
    path(
        A + "documents/ita/<int:year>/<str:kind>.<str:fmt>",
        document_views.year_document,
        name="year_document",
    ),
    path(
        PLAN + "documents/<str:kind>.<str:fmt>", document_views.plan_document, name="plan_document"
    ),
    path(ROUND + "document.<str:fmt>", document_views.round_document, name="round_document"),
    path("templates/<str:kind>.docx", document_views.builtin, name="builtin_template"),
    path(A + "templates/<str:kind>.docx", document_views.own_template, name="own_template"),
    path(
        A + "templates/<str:kind>/upload/", document_views.upload_template, name="upload_template"
    ),
    path(
        A + "templates/<str:kind>/remove/", document_views.remove_template, name="remove_template"
    ),
]
B = "oversight/<int:body_id>/"
oversight_urls = [
    path("oversight/", oversight_views.bodies, name="oversight_bodies"),
    path(B, oversight_views.body_home, name="oversight_body"),
    path(B + "import/", oversight_views.import_page, name="oversight_import"),
    path(B + "<int:year>/", oversight_views.dashboard, name="oversight_dashboard"),
    path(B + "<int:year>/chart.png", oversight_views.chart, name="oversight_chart"),
    path(B + "<int:year>/export.xlsx", oversight_views.export, name="oversight_export"),
    path(B + "<int:year>/summary.<str:fmt>", oversight_views.summary, name="oversight_summary"),
]
urlpatterns = [
    path("", home.home, name="home"),
    path("profile/tokens/", tokens.token_page, name="tokens"),
    path("profile/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    *agency_urls,
    *result_urls,
    *plan_urls,
    *document_urls,
    *oversight_urls,
]
