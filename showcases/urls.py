from django.urls import path

from . import overview, views

app_name = "showcases"

programme = "programmes/<int:programme_id>/"
action = programme + "actions/<int:action_id>/"
showcase = programme + "showcases/<int:showcase_id>/"

urlpatterns = [
    path("overview/", overview.overview, name="overview"),
    path(programme + "actions/", views.action_list, name="action-list"),
    path(programme + "actions/new/", views.action_add, name="action-add"),
    path(action, views.action_detail, name="action-detail"),
    path(action + "update/", views.action_update, name="action-update"),
    path(programme + "showcases/", views.showcase_list, name="showcase-list"),
    path(programme + "showcases/new/", views.showcase_edit, name="showcase-add"),
    path(showcase, views.showcase_detail, name="showcase-detail"),
    path(showcase + "edit/", views.showcase_edit, name="showcase-edit"),
    path(showcase + "remove/", views.showcase_remove, name="showcase-remove"),
    path(showcase + "guests/", views.guest_add, name="guest-add"),
    path(showcase + "guests/<int:guest_id>/remove/", views.guest_remove, name="guest-remove"),
    path(showcase + "links/", views.link_add, name="link-add"),
    path(showcase + "links/<int:link_id>/remove/", views.link_remove, name="link-remove"),
    path(showcase + "quotes/new/", views.quote_edit, name="quote-add"),
    path(showcase + "quotes/<int:quote_id>/edit/", views.quote_edit, name="quote-edit"),
    path(showcase + "quotes/<int:quote_id>/remove/", views.quote_remove, name="quote-remove"),
]
