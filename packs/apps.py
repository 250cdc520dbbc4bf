from django.apps import AppConfig


class PacksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "packs"

    def ready(self) -> None:
        # Adds "To print" to the session page, and drops copies of withdrawn words.
        from . import pages, receivers  # noqa: F401
