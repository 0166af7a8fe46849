"""The signed-in workbench's URLs."""

from django.contrib.auth import views as auth_views
from django.urls import path

import prongsai.config.converters  # noqa: F401 - registers <be_year:…>
from prongsai.web.views import account, document_settings, editions, home, tokens
from prongsai.web.views import agency as agency_views
from prongsai.web.views import documents as document_views
from prongsai.web.views import jobs as job_views
from prongsai.web.views import oit as oit_views
from prongsai.web.views import oversight as oversight_views
from prongsai.web.views import plan as plan_views
from prongsai.web.views import progress as progress_views
from prongsai.web.views import results as results_page
from prongsai.web.views import results_import as results_views
from prongsai.web.views import surveys as survey_views
from prongsai.web.views import work as work_views

A = "agencies/<int:agency_id>/"
PLAN = A + "plans/<be_year:year>/"
ROUND = PLAN + "rounds/<int:months>/"
OIT = A + "oit/<int:year>/"
ITEM = OIT + "items/<str:code>/"

agency_urls = [
    path(A, agency_views.agency_home, name="agency"),
    path(A + "settings/", agency_views.agency_settings, name="agency_settings"),
    path(A + "members/", agency_views.members, name="members"),
    path(
        A + "members/<int:membership_id>/remove/", agency_views.remove_member, name="remove_member"
    ),
    path(
        A + "invitations/<int:invitation_id>/withdraw/",
        agency_views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path(
        "invitations/<int:invitation_id>/<str:answer>/",
        agency_views.answer_invitation,
        name="answer_invitation",
    ),
    path(A + "audit/", agency_views.audit, name="audit"),
]
result_urls = [
    path(A + "results/import/", results_views.import_page, name="import_results"),
    path(
        A + "results/import/<uuid:job_id>/",
        results_views.import_job,
        name="import_results_job",
    ),
    path(A + "results/", results_views.results_form, name="results_form"),
    path(A + "results/<be_year:year>/", results_page.results_year, name="results_year"),
    path(
        A + "results/<be_year:year>/publish/", results_page.results_publish, name="results_publish"
    ),
    path("templates/results/", results_views.results_template, name="results_template"),
]
plan_urls = [
    path(PLAN, plan_views.plan_page, name="plan"),
    path(PLAN + "suggest/", plan_views.suggest, name="suggest"),
    path(PLAN + "measures/new/", plan_views.measure_edit, name="measure_new"),
    path(PLAN + "measures/<int:number>/", plan_views.measure_edit, name="measure"),
    path(PLAN + "measures/<int:number>/delete/", plan_views.measure_delete, name="measure_delete"),
    path(PLAN + "step/<str:step>/", plan_views.plan_step, name="plan_step"),
    path(PLAN + "return/", plan_views.plan_return, name="plan_return"),
    path(PLAN + "rounds/", plan_views.round_open, name="round_open"),
    path(ROUND, progress_views.round_page, name="round"),
    path(ROUND + "publish/", progress_views.round_publish, name="round_publish"),
    path(ROUND + "date/", progress_views.round_date, name="round_date"),
    path(ROUND + "delete/", progress_views.round_delete, name="round_delete"),
    path(ROUND + "measures/<int:number>/", progress_views.entry_edit, name="entry"),
    path(A + "evidence/<int:evidence_id>/", progress_views.evidence_file, name="evidence_file"),
    path(
        A + "evidence/<int:evidence_id>/delete/",
        progress_views.evidence_delete,
        name="evidence_delete",
    ),
]
document_urls = [
    path(A + "documents/", document_views.documents_page, name="documents"),
    path(A + "documents/settings/", document_settings.document_settings, name="document_settings"),
    path(A + "images/<str:kind>/", document_settings.agency_image, name="agency_image"),
    path(A + "images/<str:kind>/upload/", document_settings.upload_image, name="upload_image"),
    path(A + "images/<str:kind>/remove/", document_settings.remove_image, name="remove_image"),
    path(
        A + "documents/ita/<int:year>/texts/",
        document_settings.document_texts,
        name="document_texts",
    ),
    path(
        A + "documents/ita/<be_year:year>/<str:kind>.<str:fmt>",
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
SURVEY = A + "surveys/<int:survey_id>/"
survey_urls = [
    path(A + "surveys/", survey_views.survey_list, name="surveys"),
    path(SURVEY, survey_views.survey_page, name="survey"),
    path(SURVEY + "settings/", survey_views.survey_settings, name="survey_settings"),
    path(SURVEY + "status/<str:step>/", survey_views.survey_status, name="survey_status"),
    path(SURVEY + "qr.<str:fmt>", survey_views.survey_qr, name="survey_qr"),
    path(SURVEY + "poster.pdf", survey_views.survey_poster, name="survey_poster"),
    path(SURVEY + "codes/", survey_views.survey_codes, name="survey_codes"),
    path(SURVEY + "suggest/", survey_views.survey_suggest, name="survey_suggest"),
    path(SURVEY + "answers.<str:fmt>", survey_views.survey_export, name="survey_export"),
]
oit_urls = [
    path(A + "oit/", oit_views.oit_home, name="oit_home"),
    path(OIT, oit_views.workspace_page, name="oit"),
    path(OIT + "open/", oit_views.workspace_open, name="oit_open"),
    path(OIT + "approve-reviewed/", oit_views.approve_reviewed, name="oit_approve_reviewed"),
    path(OIT + "answers.<str:fmt>", oit_views.answer_sheet, name="oit_sheet"),
    path(OIT + "publication-memo.<str:fmt>", oit_views.publication_memo, name="oit_memo"),
    path(OIT + "links/check/", oit_views.links_check, name="oit_links_check"),
    path(ITEM, oit_views.item_page, name="oit_item"),
    path(ITEM + "assign/", oit_views.item_assign, name="oit_assign"),
    path(ITEM + "step/<str:step>/", oit_views.item_step, name="oit_step"),
    path(ITEM + "comment/", oit_views.item_comment, name="oit_comment"),
    path(ITEM + "attach/", oit_views.item_attach, name="oit_attach"),
    path(ITEM + "links/check/", oit_views.item_links_check, name="oit_item_links_check"),
    path(
        A + "oit/link-checks/<int:check_id>/snapshot/", oit_views.link_snapshot, name="oit_snapshot"
    ),
    path(
        A + "oit/attachments/<int:attachment_id>/",
        oit_views.attachment_file,
        name="oit_attachment",
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
    path("account/password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("account/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("editions/", editions.edition_list, name="editions"),
    path("editions/upload/", editions.edition_upload, name="edition_upload"),
    path("editions/<str:key>/", editions.edition_page, name="edition"),
    path("editions/<str:key>/start/", editions.edition_start, name="edition_start"),
    path("editions/<str:key>/publish/", editions.edition_publish, name="edition_publish"),
    path("editions/<str:key>.xlsx", editions.edition_workbook, name="edition_workbook"),
    path("profile/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("work/", work_views.my_work, name="my_work"),
    path("jobs/<uuid:job_id>/", job_views.job_page, name="job"),
    path("jobs/<uuid:job_id>/status/", job_views.job_status, name="job_status"),
    *agency_urls,
    *result_urls,
    *plan_urls,
    *document_urls,
    *survey_urls,
    *oit_urls,
    *oversight_urls,
]
