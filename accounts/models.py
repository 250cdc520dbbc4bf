import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels
from workshops.models import InProgrammeQuerySet, Membership, Role


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
    # Set when a facilitator's new-password link was used, until the person has read the
    # notice that says so; a flag on the row already loaded, so other pages pay no query.
    has_password_notice = models.BooleanField(default=False, editable=False)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(InProgrammeQuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(ChoiceLabels, models.Model):
    """A single-use link that lets one person join one programme with a role.

    The link's secret is not stored: the row keeps a random seed, from which the secret is made
    again with SECRET_KEY, and a hash of the secret, by which the link is found. The link is
    shown once, when it is made, and a facilitator who loses it makes a new one.
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
    # Empty for links made before links had a seed: those have only their hash.
    link_seed = models.CharField(max_length=64, blank=True, default="", editable=False)
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


class PasswordLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            used_at__isnull=True, replaced_at__isnull=True, expires_at__gt=timezone.now()
        )


class PasswordLink(models.Model):
    """A link a facilitator makes so that a young person can choose a new password.

    One works at a time: making a new one replaces any other. It works once and runs out
    within a day. Rows are never deleted while the person has an account: they are the record
    of who made each link, for whom, when, and when it was used. Like an invitation's, the
    link's secret is not stored, only its hash.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_links"
    )
    programme = models.ForeignKey(
        "workshops.Programme", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept as it was, so the record still names them if they leave.
    made_by_name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    # When the person said they had read that their password was changed.
    seen_at = models.DateTimeField(null=True, blank=True)

    objects = PasswordLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def status(self) -> str:
        if self.used_at:
            return _("used")
        if self.replaced_at:
            return _("replaced by a newer link")
        if self.expires_at <= timezone.now():
            return _("ran out")
        return _("waiting")


class DirectoryEntryQuerySet(models.QuerySet):
    def listed(self):
        """Entries of people who are in a programme of this site. Someone who has left every
        programme drops out of the directory without losing what they wrote."""
        return self.filter(Exists(Membership.objects.filter(user=OuterRef("user_id"))))

    def matching(self, text: str):
        return self.filter(
            Q(name__icontains=text)
            | Q(organisation__icontains=text)
            | Q(what_i_do__icontains=text)
            | Q(about__icontains=text)
        )

    def in_directory_order(self):
        """By organisation then name, with people who gave no organisation at the end."""
        return self.order_by(
            Case(When(organisation="", then=Value(1)), default=Value(0)),
            Lower("organisation"),
            "organisation",
            Lower("name"),
            "pk",
        )


class DirectoryEntry(models.Model):
    """A person's own entry in Who's who. Having one is choosing to be listed; taking it down
    deletes it. Only these fields are ever shown: never the person's username, role, agency or
    programmes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_entry"
    )
    name = models.CharField(
        _("your name"),
        max_length=100,
        help_text=_("The name people will see. It can be just your first name."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=100,
        blank=True,
        help_text=_("Where you work, or a group you are part of. Leave it empty if you like."),
    )
    what_i_do = models.CharField(
        _("what you do"),
        max_length=100,
        blank=True,
        help_text=_("Your job or role, for example personal adviser."),
    )
    about = models.CharField(
        _("what you can help with, or are interested in"),
        max_length=500,
        blank=True,
    )
    contact = models.CharField(
        _("how to reach you"),
        max_length=200,
        blank=True,
        help_text=_("For example a work e-mail address, or “Ask me at the next session”."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = DirectoryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("Who's who entry")
        verbose_name_plural = _("Who's who entries")

    def __str__(self) -> str:
        return self.name
