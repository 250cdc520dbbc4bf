from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from codesign.labels import ChoiceLabels
from workshops.models import Feeling, InProgrammeQuerySet, Membership, Programme, Session

AGES = range(15, 26)


class Visibility(models.TextChoices):
    GROUP = "group", _("Everyone in the group")
    FACILITATORS = "facilitators", _("Only the facilitators")


class TimelineQuerySet(InProgrammeQuerySet):
    def visible_to(self, membership: Membership, *, as_group: bool = False):
        """What a member may see: their own, and the group's, and all of it if they run the
        programme, unless as_group asks for what the group sees (as on a projector)."""
        mine = self.in_programme(membership.programme_id)
        if membership.runs_programme and not as_group:
            return mine
        return mine.filter(Q(visibility=Visibility.GROUP) | Q(member=membership))


class Timeline(ChoiceLabels, models.Model):
    """One member's years from 15 to 25: what happened, and the services and support they had."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="timelines")
    member = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="timeline")
    visibility = models.CharField(
        _("who can see it"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.FACILITATORS,
    )
    show_name = models.BooleanField(
        _("show my name to the group"),
        default=False,
        help_text=_("If you leave this off, the group sees 'a member of the group'."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TimelineQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Timeline of {self.member.user}"

    def name_for(self, viewer: Membership, *, as_group: bool = False) -> str | None:
        """The name this viewer sees, or None where it is hidden from them."""
        if self.show_name or viewer.pk == self.member_id:
            return self.member.user.name
        if viewer.runs_programme and not as_group:
            return self.member.user.name
        return None


class EventKind(models.TextChoices):
    LIFE = "life", _("Something that happened")
    SERVICE = "service", _("A service I used")
    SUPPORT = "support", _("Support I had")


class TimelineEvent(ChoiceLabels, models.Model):
    timeline = models.ForeignKey(Timeline, on_delete=models.CASCADE, related_name="events")
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(15), MaxValueValidator(25)]
    )
    kind = models.CharField(_("what kind"), max_length=10, choices=EventKind.choices)
    text = models.CharField(_("what happened"), max_length=300)
    feeling = models.CharField(_("how it felt"), max_length=10, choices=Feeling.choices, blank=True)

    class Meta:
        ordering = ["age", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__gte=15) & Q(age__lte=25), name="timeline_age_15_to_25"
            )
        ]

    def __str__(self) -> str:
        return f"{self.age}: {self.text}"


# Illustrations shipped in static/img/personas/: never photographs of real young people.
PICTURES = [
    ("sunrise", _("Person with curly hair, on yellow")),
    ("leaf", _("Person with short hair, on green")),
    ("wave", _("Person with a ponytail, on blue")),
    ("star", _("Person in a cap, on pink")),
    ("moon", _("Person with long hair, on purple")),
    ("spark", _("Person with headphones, on orange")),
]


class Persona(ChoiceLabels, models.Model):
    """A made-up care leaver the group creates: not a real person."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="personas")
    session = models.ForeignKey(
        Session,
        verbose_name=_("made in session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personas",
    )
    name = models.CharField(_("name"), max_length=60)
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(14), MaxValueValidator(30)]
    )
    picture = models.CharField(_("picture"), max_length=20, choices=PICTURES, default="sunrise")
    story = models.TextField(_("their story"), max_length=3000, blank=True)
    what_matters = models.TextField(_("what matters to them"), max_length=1500, blank=True)
    needs = models.TextField(_("what they need"), max_length=1500, blank=True)
    goals = models.TextField(_("their goals"), max_length=1500, blank=True)
    worries = models.TextField(_("what worries them"), max_length=1500, blank=True)
    network = models.TextField(
        _("the people and services around them"), max_length=1500, blank=True
    )
    quote = models.CharField(_("in their own words"), max_length=300, blank=True)
    inspired_by = models.ManyToManyField(
        TimelineEvent, verbose_name=_("inspired by"), blank=True, related_name="personas"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personas:persona-detail", args=[self.programme_id, self.pk])

    @property
    def picture_path(self) -> str:
        return f"img/personas/{self.picture}.svg"


class JourneyMap(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="journey_maps")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="journey_maps")
    session = models.ForeignKey(
        Session,
        verbose_name=_("made in session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journey_maps",
    )
    title = models.CharField(_("title"), max_length=120)
    # Goes up by one with every change to the map, so a page that polls can be told
    # "nothing new" from this one number.
    version = models.PositiveIntegerField(default=0)
    # The version of the last change that a page must redraw the whole map for (a stage, a
    # card moved or taken away). Newer changes are new or reworded cards, sent one by one.
    layout_version = models.PositiveIntegerField(default=0)

    objects = InProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personas:map-detail", args=[self.programme_id, self.pk])


class StageFeeling(models.IntegerChoices):
    REALLY_HARD = 1, _("Really hard")
    HARD = 2, _("Hard")
    OK = 3, _("OK")
    GOOD = 4, _("Good")
    REALLY_GOOD = 5, _("Really good")


class Stage(ChoiceLabels, models.Model):
    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("stage"), max_length=80)
    services = models.CharField(_("services involved"), max_length=300, blank=True)
    feeling = models.PositiveSmallIntegerField(
        _("how it feels"),
        choices=StageFeeling.choices,
        default=StageFeeling.OK,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    # Goes up with every save, so a save made from an older version is caught
    # (workshops/versions.py).
    edit_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "order"], name="one_stage_per_place"),
            models.CheckConstraint(
                condition=Q(feeling__gte=1) & Q(feeling__lte=5), name="stage_feeling_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CardKind(models.TextChoices):
    INSIGHT = "insight", _("Insight")
    PROBLEM = "problem", _("Problem")
    OPPORTUNITY = "opportunity", _("Opportunity")


class CardQuerySet(InProgrammeQuerySet):
    programme_path = "stage__journey_map__programme"


class Card(ChoiceLabels, models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(_("kind"), max_length=12, choices=CardKind.choices)
    text = models.CharField(_("card"), max_length=300)
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="cards"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The map's versions when the card was put on it and when it last changed.
    added_version = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class CardMerge(ChoiceLabels, models.Model):
    """Two cards made one, kept so that it can be undone: the card kept and its words before,
    and everything of the card taken off the map."""

    into = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="merges")
    text_before = models.CharField(max_length=300)
    text_after = models.CharField(max_length=300)
    removed_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    removed_kind = models.CharField(max_length=12, choices=CardKind.choices)
    removed_text = models.CharField(max_length=300)
    removed_author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_created_at = models.DateTimeField()
    removed_added_version = models.PositiveIntegerField()
    merged_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.text_before} / {self.removed_text}"
