from django.urls import path

from . import views

app_name = "voice"

programme = "programmes/<int:programme_id>/"
session = programme + "sessions/<int:session_id>/"
reflection = session + "reflections/<int:reflection_id>/"
photo = session + "photos/<int:photo_id>/"
question = session + "questions/<int:question_id>/"

urlpatterns = [
    path(session + "questions/new/", views.question_ask, name="question-ask"),
    path(question, views.question_detail, name="question-detail"),
    path(question + "answer/", views.question_answer, name="question-answer"),
    path(question + "results/", views.question_results, name="question-results"),
    path(question + "close/", views.question_close, name="question-close"),
    path(question + "answers/<int:answer_id>/hide/", views.answer_hide, name="answer-hide"),
    path(session + "voice/", views.session_voice, name="session-voice"),
    path(session + "reflections/", views.session_reflections, name="session-reflections"),
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
    path(session + "photos/", views.session_photos, name="session-photos"),
    path(session + "photos/new/", views.photo_add, name="photo-add"),
    path(photo + "full/", views.photo_file, {"size": "full"}, name="photo-full"),
    path(photo + "thumbnail/", views.photo_file, {"size": "thumbnail"}, name="photo-thumbnail"),
    path(photo + "edit/", views.photo_edit, name="photo-edit"),
    path(photo + "delete/", views.photo_delete, name="photo-delete"),
    path(session + "check-out/", views.checkout, name="checkout"),
    path(programme + "feedback/", views.feedback, name="feedback"),
    path(programme + "waiting/", views.attention, name="attention"),
    path(programme + "language/", views.language_guide, name="language-guide"),
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
]
