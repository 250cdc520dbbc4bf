from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/my-data/", views.export_request, name="export-request"),
    path("account/my-data/progress/", views.export_progress, name="export-progress"),
    path("account/my-data/download/", views.export_download, name="export-download"),
    path("account/erase/", views.account_erase, name="account-erase"),
    path("account/erased/", views.erased, name="erased"),
    path("programmes/<int:programme_id>/leave/", views.programme_leave, name="programme-leave"),
    path("programmes/<int:programme_id>/end/", views.programme_end, name="programme-end"),
    path("programmes/<int:programme_id>/reopen/", views.programme_reopen, name="programme-reopen"),
    path(
        "programmes/<int:programme_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path("privacy/", views.privacy, name="privacy"),
]
