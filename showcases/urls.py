from django.urls import path

from . import views

app_name = "showcases"

programme = "programmes/<int:programme_id>/"
action = programme + "actions/<int:action_id>/"

urlpatterns = [
    path(programme + "actions/", views.action_list, name="action-list"),
    path(programme + "actions/new/", views.action_add, name="action-add"),
    path(action, views.action_detail, name="action-detail"),
    path(action + "update/", views.action_update, name="action-update"),
]
