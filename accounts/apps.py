from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from codesign.idle import signed_in

        from . import security  # noqa: F401  (logs failed sign-ins and lockouts)

        user_logged_in.connect(signed_in, dispatch_uid="codesign-idle-signed-in")
