from django.apps import AppConfig


class ShowcasesConfig(AppConfig):
    """From workshop to change: what the people who can change services take away."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "showcases"

    def ready(self) -> None:
        from . import pages  # noqa: F401  (adds "what happened next" to the core's pages)
