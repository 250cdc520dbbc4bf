from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels
from personas.models import Card
from workshops.models import InProgrammeQuerySet, Membership, Programme


class Foundation(models.TextChoices):
    """The five foundations of The Promise."""

    VOICE = "voice", _("Voice")
    FAMILY = "family", _("Family")
    CARE = "care", _("Care")
    PEOPLE = "people", _("People")
    SCAFFOLDING = "scaffolding", _("Scaffolding")


class Idea(models.Model):
    """An idea for a service, from the journey maps' opportunities or from scratch."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("name of the service"), max_length=120)
    what = models.TextField(_("what it is"), max_length=2000)
    who_for = models.CharField(_("who it is for"), max_length=300, blank=True)
    opportunities = models.ManyToManyField(
        Card, verbose_name=_("from these opportunities"), blank=True, related_name="ideas"
    )
    foundations = models.JSONField(_("foundations of The Promise"), default=list, blank=True)
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="ideas"
    )
    taken_forward = models.BooleanField(_("taken forward"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blueprints:idea-detail", args=[self.programme_id, self.pk])

    def clean(self):
        unknown = set(self.foundations) - set(Foundation.values)
        if unknown:
            raise ValidationError({"foundations": _("Choose from the five foundations.")})

    @property
    def foundation_labels(self) -> list[str]:
        return [Foundation(value).label for value in self.foundations if value in Foundation]


class Vote(models.Model):
    """A dot vote on some ideas: each member places their dots, then it closes."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="votes")
    title = models.CharField(_("what are we choosing?"), max_length=120)
    ideas = models.ManyToManyField(Idea, verbose_name=_("ideas"), related_name="votes")
    dots_per_member = models.PositiveSmallIntegerField(
        _("dots each"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    hide_results = models.BooleanField(
        _("hide the results until the vote closes"),
        default=True,
        help_text=_("So nobody just follows the early voters."),
    )
    take_forward = models.PositiveSmallIntegerField(
        _("how many ideas go forward"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Where ideas tied at the cut-off, a facilitator chose which went forward: who, and when.
    tie_chosen_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tie_chosen_at = models.DateTimeField(null=True, blank=True)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dots_per_member__gte=1) & Q(dots_per_member__lte=10),
                name="vote_dots_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blueprints:vote-detail", args=[self.programme_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def results_visible(self) -> bool:
        return not (self.is_open and self.hide_results)


class VoteResult(models.Model):
    """What a closed vote decided for one idea, kept as it was on the day."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="results")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="vote_results")
    dots = models.PositiveSmallIntegerField()
    chosen = models.BooleanField()
    # Level with others at the cut-off when the vote closed: a facilitator chooses.
    tied = models.BooleanField(default=False)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["vote", "idea"], name="one_result_per_idea")]

    def __str__(self) -> str:
        return f"{self.idea}: {self.dots}"


class Dot(models.Model):
    """One of a member's dots. Each sits in a numbered slot from 1 to the vote's dots each,
    and a slot holds one dot: the database itself stops a member having too many."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="dots")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="dots")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    slot = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "member", "slot"], name="one_dot_per_slot"),
            models.CheckConstraint(
                condition=Q(slot__gte=1) & Q(slot__lte=10), name="dot_slot_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"Dot {self.slot} on {self.idea}"


class Lane(models.TextChoices):
    """The five lanes of a service blueprint, top to bottom."""

    EVIDENCE = "evidence", _("What they see and touch")
    CUSTOMER = "customer", _("What the young person does")
    FRONTSTAGE = "frontstage", _("What staff do face to face")
    BACKSTAGE = "backstage", _("What happens behind the scenes")
    SUPPORT = "support", _("Support and partners behind that")


class Blueprint(models.Model):
    """A service seen step by step from the point of view of the person using it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="blueprints")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="blueprints")
    needs = models.TextField(
        _("what the service needs to have"),
        max_length=3000,
        blank=True,
        help_text=_("One thing on each line: office space, parking, a website, a phone..."),
    )
    # Moves on with every change, so open pages poll for what is new (workshops.shortcuts);
    # a change to the steps also moves layout_version on, and pages are told to reload.
    version = models.PositiveIntegerField(default=0)
    layout_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Blueprint of {self.idea}"

    def get_absolute_url(self) -> str:
        return reverse("blueprints:blueprint-detail", args=[self.programme_id, self.pk])

    @property
    def needs_list(self) -> list[str]:
        return [line.strip() for line in self.needs.splitlines() if line.strip()]


class Step(models.Model):
    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("step"), max_length=80)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Cell(ChoiceLabels, models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="cells")
    lane = models.CharField(max_length=12, choices=Lane.choices)
    text = models.CharField(max_length=300, blank=True)
    # Moves on with every save, so a save made from an older copy is told, not applied.
    version = models.PositiveIntegerField(default=0)
    # The blueprint's version when the cell was last written, for the pages that poll.
    changed_version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["step", "lane"], name="one_cell_per_lane")]

    def __str__(self) -> str:
        return self.text


class PrototypeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    TESTING = "testing", _("Being tested")
    TESTED = "tested", _("Tested")


class Decision(models.TextChoices):
    ADOPT = "adopt", _("Adopt: keep it")
    ADAPT = "adapt", _("Adapt: change it")
    DROP = "drop", _("Drop: stop it")


class Prototype(ChoiceLabels, models.Model):
    """A service idea tried for real, with what we believe will happen."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="prototypes")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="prototypes")
    title = models.CharField(_("what we are testing"), max_length=120)
    belief = models.CharField(
        _("we believe that..."),
        max_length=300,
        help_text=_(
            "For example: we believe that a cuppa and a chat each week will help "
            "care leavers feel less alone in their first flat."
        ),
    )
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    where = models.CharField(_("where"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PrototypeStatus.choices, default=PrototypeStatus.PLANNED
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    reasons = models.TextField(_("why"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blueprints:prototype-detail", args=[self.programme_id, self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The test must end after it starts.")})


class EvidenceKind(models.TextChoices):
    NOTE = "note", _("Something we noticed")
    MEASURE = "measure", _("Something we counted")
    PHOTO = "photo", _("A photo (where to find it)")


class Evidence(ChoiceLabels, models.Model):
    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    text = models.CharField(_("what"), max_length=500)
    added_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.text
