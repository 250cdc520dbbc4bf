from django.urls import path

from . import views

app_name = "workshops"

programme = "programmes/<int:programme_id>/"
session = programme + "sessions/<int:session_id>/"
activity = session + "activities/<int:activity_id>/"
reflection = session + "reflections/<int:reflection_id>/"
photo = session + "photos/<int:photo_id>/"
pack = programme + "packs/<int:pack_id>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("methods/", views.method_library, name="method-library"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path(programme, views.programme_detail, name="programme-detail"),
    path(programme + "edit/", views.programme_edit, name="programme-edit"),
    path(programme + "copy/", views.programme_copy, name="programme-copy"),
    path(programme + "members/", views.members, name="members"),
    path(programme + "ground-rules/", views.ground_rules, name="ground-rules"),
    path(programme + "ground-rules/agree/", views.ground_rules_agree, name="ground-rules-agree"),
    path(programme + "pledges/", views.pledges, name="pledges"),
    path(programme + "words/", views.glossary, name="glossary"),
    path(programme + "words/<int:term_id>/edit/", views.glossary_edit, name="glossary-edit"),
    path(programme + "words/<int:term_id>/delete/", views.glossary_delete, name="glossary-delete"),
    path(
        programme + "workshops/<int:workshop_id>/edit/", views.workshop_edit, name="workshop-edit"
    ),
    path(session, views.session_detail, name="session-detail"),
    path(session + "edit/", views.session_edit, name="session-edit"),
    path(session + "run/", views.session_run, name="session-run"),
    path(session + "run/next/", views.session_advance, name="session-advance"),
    path(session + "run/back/", views.session_back, name="session-back"),
    path(session + "run/reset/", views.session_run_reset, name="session-run-reset"),
    path(session + "attendance/", views.attendance, name="attendance"),
    path(session + "activities/new/", views.activity_add, name="activity-add"),
    path(
        session + "activities/from-library/", views.activity_add_method, name="activity-add-method"
    ),
    path(activity + "edit/", views.activity_edit, name="activity-edit"),
    path(activity + "delete/", views.activity_delete, name="activity-delete"),
    path(activity + "move/", views.activity_move, name="activity-move"),
    path(session + "voice/", views.session_voice, name="session-voice"),
    path(session + "reflections/new/", views.reflection_add, name="reflection-add"),
    path(reflection + "edit/", views.reflection_edit, name="reflection-edit"),
    path(reflection + "delete/", views.reflection_delete, name="reflection-delete"),
    path(reflection + "report/", views.reflection_report, name="reflection-report"),
    path(reflection + "hide/", views.reflection_hide, name="reflection-hide"),
    path(
        reflection + "restore/",
        views.reflection_action,
        {"action": "restore"},
        name="reflection-restore",
    ),
    path(
        reflection + "keep/",
        views.reflection_action,
        {"action": "keep"},
        name="reflection-keep",
    ),
    path(
        reflection + "talked/",
        views.reflection_action,
        {"action": "talked"},
        name="reflection-talked",
    ),
    path(session + "photos/new/", views.photo_add, name="photo-add"),
    path(photo + "full/", views.photo_file, {"size": "full"}, name="photo-full"),
    path(photo + "thumbnail/", views.photo_file, {"size": "thumbnail"}, name="photo-thumbnail"),
    path(photo + "edit/", views.photo_edit, name="photo-edit"),
    path(photo + "delete/", views.photo_delete, name="photo-delete"),
    path(session + "check-out/", views.checkout, name="checkout"),
    path(programme + "feedback/", views.feedback, name="feedback"),
    path(programme + "waiting/", views.attention, name="attention"),
    path(programme + "language/", views.language_guide, name="language-guide"),
    path(programme + "language/check/", views.language_check, name="language-check"),
    path(
        programme + "language/<int:term_id>/delete/", views.language_delete, name="language-delete"
    ),
    path(
        programme + "language/suggestions/<int:suggestion_id>/accept/",
        views.language_accept,
        name="language-accept",
    ),
    path(
        programme + "language/suggestions/<int:suggestion_id>/decline/",
        views.language_decline,
        name="language-decline",
    ),
    path(programme + "packs/", views.pack_list, name="pack-list"),
    path(programme + "packs/new/", views.pack_request, name="pack-request"),
    path(pack, views.pack_detail, name="pack-detail"),
    path(pack + "progress/", views.pack_progress, name="pack-progress"),
    path(pack + "retry/", views.pack_retry, name="pack-retry"),
    path(pack + "download/", views.pack_download, name="pack-download"),
]
