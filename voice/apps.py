from django.apps import AppConfig


class VoiceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "voice"

    def ready(self) -> None:
        from . import pages  # noqa: F401  (adds the voice to the core's pages)
