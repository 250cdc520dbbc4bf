from django.urls import path

from . import views

app_name = "personas"

programme = "programmes/<int:programme_id>/"
member_timeline = programme + "timelines/<int:member_id>/"
persona = programme + "personas/<int:persona_id>/"
journey_map = programme + "journey-maps/<int:map_id>/"
card = journey_map + "cards/<int:card_id>/"

urlpatterns = [
    path(programme + "timelines/", views.timelines, name="timelines"),
    path(member_timeline, views.timeline_edit, name="timeline-edit"),
    path(
        member_timeline + "events/<int:event_id>/delete/",
        views.timeline_event_delete,
        name="timeline-event-delete",
    ),
    path(programme + "personas/", views.persona_list, name="persona-list"),
    path(programme + "personas/new/", views.persona_edit, name="persona-create"),
    path(persona, views.persona_detail, name="persona-detail"),
    path(persona + "edit/", views.persona_edit, name="persona-edit"),
    path(persona + "journey-maps/new/", views.map_create, name="map-create"),
    path(programme + "opportunities/", views.opportunities, name="opportunities"),
    path(journey_map, views.map_detail, name="map-detail"),
    path(journey_map + "poll/", views.map_poll, name="map-poll"),
    path(journey_map + "cards/new/", views.card_add, name="card-add"),
    path(card + "edit/", views.card_edit, name="card-edit"),
    path(card + "move/", views.card_move, name="card-move"),
    path(card + "merge/", views.card_merge, name="card-merge"),
    path(
        journey_map + "merges/<int:merge_id>/undo/",
        views.card_merge_undo,
        name="card-merge-undo",
    ),
    path(card + "delete/", views.card_delete, name="card-delete"),
    path(journey_map + "stages/new/", views.stage_edit, name="stage-add"),
    path(journey_map + "stages/<int:stage_id>/edit/", views.stage_edit, name="stage-edit"),
    path(journey_map + "stages/<int:stage_id>/delete/", views.stage_delete, name="stage-delete"),
]
