from django.urls import path

from . import views

app_name = "blueprints"

programme = "programmes/<int:programme_id>/"
idea = programme + "ideas/<int:idea_id>/"
vote = programme + "votes/<int:vote_id>/"
blueprint = programme + "blueprints/<int:blueprint_id>/"
step = blueprint + "steps/<int:step_id>/"
prototype = programme + "prototypes/<int:prototype_id>/"

urlpatterns = [
    path(programme + "ideas/", views.idea_list, name="idea-list"),
    path(programme + "ideas/new/", views.idea_edit, name="idea-create"),
    path(idea, views.idea_detail, name="idea-detail"),
    path(idea + "edit/", views.idea_edit, name="idea-edit"),
    path(programme + "votes/new/", views.vote_create, name="vote-create"),
    path(vote, views.vote_detail, name="vote-detail"),
    path(vote + "dots/add/", views.dot_add, name="dot-add"),
    path(vote + "dots/take-back/", views.dot_take_back, name="dot-take-back"),
    path(vote + "close/", views.vote_close, name="vote-close"),
    path(vote + "tie/", views.vote_choose_at_tie, name="vote-choose-at-tie"),
    path(idea + "blueprints/new/", views.blueprint_create, name="blueprint-create"),
    path(blueprint, views.blueprint_detail, name="blueprint-detail"),
    path(blueprint + "poll/", views.blueprint_poll, name="blueprint-poll"),
    path(blueprint + "cells/<int:cell_id>/", views.cell_save, name="cell-save"),
    path(blueprint + "needs/", views.needs_save, name="needs-save"),
    path(blueprint + "steps/new/", views.step_add, name="step-add"),
    path(step + "move/", views.step_move, name="step-move"),
    path(step + "delete/", views.step_delete, name="step-delete"),
    path(programme + "prototypes/", views.prototype_list, name="prototype-list"),
    path(idea + "prototypes/new/", views.prototype_edit, name="prototype-create"),
    path(prototype, views.prototype_detail, name="prototype-detail"),
    path(prototype + "edit/", views.prototype_edit, name="prototype-edit"),
    path(prototype + "decision/", views.prototype_decide, name="prototype-decide"),
    path(programme + "from-idea-to-change/", views.chain, name="chain"),
]
