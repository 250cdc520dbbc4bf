from django.urls import path

from . import views

app_name = "packs"

programme = "programmes/<int:programme_id>/"
pack = programme + "packs/<int:pack_id>/"

urlpatterns = [
    path(programme + "packs/", views.pack_list, name="pack-list"),
    path(programme + "packs/new/", views.pack_request, name="pack-request"),
    path(pack, views.pack_detail, name="pack-detail"),
    path(pack + "progress/", views.pack_progress, name="pack-progress"),
    path(pack + "retry/", views.pack_retry, name="pack-retry"),
    path(pack + "download/", views.pack_download, name="pack-download"),
]
