from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from prongsai.web import document_views, results_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "agencies/<int:agency_id>/results/import/",
        results_views.import_page,
        name="import_results",
    ),
    path("agencies/<int:agency_id>/results/", results_views.results_form, name="results_form"),
    path("templates/results/", results_views.results_template, name="results_template"),
    path("agencies/<int:agency_id>/documents/", document_views.documents_page, name="documents"),
    path(
        "agencies/<int:agency_id>/documents/<int:year>/<str:kind>.<str:fmt>",
        document_views.document,
        name="document",
    ),
    path("templates/<str:kind>.docx", document_views.builtin, name="builtin_template"),
    path(
        "agencies/<int:agency_id>/templates/<str:kind>.docx",
        document_views.own_template,
        name="own_template",
    ),
    path(
        "agencies/<int:agency_id>/templates/<str:kind>/upload/",
        document_views.upload_template,
        name="upload_template",
    ),
    path(
        "agencies/<int:agency_id>/templates/<str:kind>/remove/",
        document_views.remove_template,
        name="remove_template",
    ),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "prongsai — โปร่งใส"
admin.site.site_title = "prongsai"
admin.site.index_title = "การจัดการข้อมูล"
