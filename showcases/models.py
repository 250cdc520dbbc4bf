from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.models import Membership, Programme


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


class ActionQuerySet(models.QuerySet):
    def overdue(self):
        return self.filter(status__in=UNFINISHED, due_on__lt=timezone.localdate())


class Action(models.Model):
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


class ActionUpdate(models.Model):
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
