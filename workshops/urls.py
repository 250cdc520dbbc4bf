from django.urls import path

from . import views

app_name = "workshops"

programme = "programmes/<int:programme_id>/"
session = programme + "sessions/<int:session_id>/"
activity = session + "activities/<int:activity_id>/"

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
    path(session + "run/pause/", views.session_pause, name="session-pause"),
    path(session + "run/more-time/", views.session_more_time, name="session-more-time"),
    path(session + "screen/", views.session_screen, name="session-screen"),
    path(session + "now/", views.session_now, name="session-now"),
    path("room/", views.join, name="join"),
    path("room/<str:code>/", views.join, name="join-code"),
    path(session + "attendance/", views.attendance, name="attendance"),
    path(session + "activities/new/", views.activity_add, name="activity-add"),
    path(
        session + "activities/from-library/", views.activity_add_method, name="activity-add-method"
    ),
    path(activity + "edit/", views.activity_edit, name="activity-edit"),
    path(activity + "delete/", views.activity_delete, name="activity-delete"),
    path(activity + "to-library/", views.activity_to_library, name="activity-to-library"),
    path(activity + "move/", views.activity_move, name="activity-move"),
    path(activity + "minutes/", views.activity_minutes, name="activity-minutes"),
    path(programme + "language/check/", views.language_check, name="language-check"),
]
