import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.models import Role


class User(AbstractUser):
    """A person who signs in. Young people often have no e-mail address, so it is optional."""

    display_name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("The name other people in your group see."),
    )
    can_start_programmes = models.BooleanField(
        _("may start programmes"),
        default=False,
        help_text=_(
            "Lets a facilitator start new programmes. People who already run a programme, "
            "and site staff, may start one anyway."
        ),
    )

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that lets one person join one programme with a role.

    Only a hash of the link's secret is kept: the link is shown once, when it is made, and a
    facilitator who loses it makes a new one.
    """

    programme = models.ForeignKey(
        "workshops.Programme", on_delete=models.CASCADE, related_name="invitations"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Leave empty if they have no e-mail: you can copy or print the link."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.CharField(_("agency"), max_length=60, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return _("joined")
        if self.revoked_at:
            return _("cancelled")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("waiting")

    @property
    def is_pending(self) -> bool:
        return not (self.accepted_at or self.revoked_at) and self.expires_at > timezone.now()
