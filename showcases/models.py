from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blueprints.models import Idea, Prototype
from codesign.labels import ChoiceLabels
from workshops.models import InProgrammeQuerySet, Membership, Programme


class Theme(models.TextChoices):
    """The themes of the actions a leadership group took away from a showcase."""

    IMPROVEMENT = "improvement", _("Improvement planning")
    MESSAGE = "message", _("Sharing the message")
    RECRUITMENT = "recruitment", _("Recruitment")
    LEARNING = "learning", _("Learning and training")
    STRATEGY = "strategy", _("Strategic planning")
    TOGETHER = "together", _("Working together")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Work that is still to be done, and so can be late.
UNFINISHED = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


class Showcase(models.Model):
    """The group presents its work to the people who can change services, and hears back."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="showcases")
    audience = models.CharField(
        _("who it was for"),
        max_length=160,
        help_text=_("For example: the Children's Commission Leadership Group."),
    )
    held_on = models.DateField(_("date"))
    venue = models.CharField(_("where"), max_length=200, blank=True)
    people_count = models.PositiveSmallIntegerField(
        _("how many people came"), null=True, blank=True
    )
    summary = models.TextField(
        _("what happened"),
        max_length=2000,
        blank=True,
        help_text=_("A few lines: how it went and what the group asked."),
    )
    ideas = models.ManyToManyField(
        Idea, verbose_name=_("ideas presented"), blank=True, related_name="showcases"
    )
    prototypes = models.ManyToManyField(
        Prototype, verbose_name=_("prototypes presented"), blank=True, related_name="showcases"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.audience

    def get_absolute_url(self) -> str:
        return reverse("showcases:showcase-detail", args=[self.programme_id, self.pk])


class Guest(models.Model):
    """Who came to a showcase: an organisation, the roles its people hold, and how many."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="guests")
    organisation = models.CharField(_("organisation"), max_length=120)
    roles = models.CharField(
        _("their roles"),
        max_length=200,
        blank=True,
        help_text=_("For example: Head of Education, Chief Social Work Officer."),
    )
    number = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        ordering = ["organisation", "pk"]

    def __str__(self) -> str:
        return self.organisation


class ShowcaseLink(models.Model):
    """A video or slides shown at the showcase, kept wherever the programme keeps them."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("what it is"), max_length=120)
    url = models.URLField(
        _("web address"), max_length=500, validators=[URLValidator(schemes=["https", "http"])]
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Quote(models.Model):
    """Something a person in the audience said about the work. Their name is kept only if they
    agreed to be named; otherwise they are their role and organisation, everywhere."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("what they said"), max_length=2000)
    role = models.CharField(
        _("their role"), max_length=120, help_text=_("For example: Head of Education.")
    )
    organisation = models.CharField(_("their organisation"), max_length=120, blank=True)
    named = models.BooleanField(
        _("they agreed to be named"),
        default=False,
        help_text=_("If not, we do not keep their name: they are shown by their role alone."),
    )
    name = models.CharField(_("their name"), max_length=100, blank=True)
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("which idea it is about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            # A name nobody agreed to show is not kept at all, so no page or pack can show it.
            models.CheckConstraint(
                condition=models.Q(named=True) | models.Q(name=""),
                name="no_name_without_agreement",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args, **kwargs):
        if not self.named:
            self.name = ""
        super().save(*args, **kwargs)

    @property
    def speaker(self) -> str:
        """Who said it, as it may be shown: name only if they agreed."""
        name = self.name if self.named else ""
        return ", ".join(part for part in (name, self.role, self.organisation) if part)


def overdue() -> models.Q:
    """Not finished, and past the date it was due: one rule for lists and grouped counts."""
    return models.Q(status__in=UNFINISHED, due_on__lt=timezone.localdate())


class ActionQuerySet(InProgrammeQuerySet):
    def overdue(self):
        return self.filter(overdue())


class Action(ChoiceLabels, models.Model):
    """Something an organisation said it will do about the group's work, and who answers
    for it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("what will be done"), max_length=300)
    organisation = models.CharField(_("which organisation"), max_length=120)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("who owns it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_owned",
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("from which showcase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return reverse("showcases:action-detail", args=[self.programme_id, self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in UNFINISHED
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class ActionUpdate(ChoiceLabels, models.Model):
    """A dated line in an action's log: where it got to, and what happened."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    note = models.CharField(_("what happened"), max_length=500, blank=True)
    by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.note[:40]}"
