from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/me/", views.directory_entry, name="directory-entry"),
    path("people/me/remove/", views.directory_remove, name="directory-remove"),
    path("join/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("accounts/new-password/<str:token>/", views.password_link, name="password-link"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/still-here/", views.still_here, name="still-here"),
    path(
        "accounts/password-notice/seen/",
        views.password_notice_seen,
        name="password-notice-seen",
    ),
    path(
        "programmes/<int:programme_id>/invitations/new/",
        views.invitation_create,
        name="invitation-create",
    ),
    path(
        "programmes/<int:programme_id>/invitations/<int:invitation_id>/",
        views.invitation_detail,
        name="invitation-detail",
    ),
    path(
        "programmes/<int:programme_id>/invitations/<int:invitation_id>/renew/",
        views.invitation_renew,
        name="invitation-renew",
    ),
    path(
        "programmes/<int:programme_id>/invitations/<int:invitation_id>/cancel/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "programmes/<int:programme_id>/members/<int:member_id>/password-reset/",
        views.member_password_reset,
        name="member-password-reset",
    ),
    path(
        "programmes/<int:programme_id>/members/<int:member_id>/password-link/",
        views.member_password_link,
        name="member-password-link",
    ),
]
