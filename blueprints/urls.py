from django.urls import path

from . import views

app_name = "blueprints"

programme = "programmes/<int:programme_id>/"
idea = programme + "ideas/<int:idea_id>/"
vote = programme + "votes/<int:vote_id>/"

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
]
