from io import StringIO

from django.core.management import call_command

from accounts.models import DirectoryEntry, User
from blueprints.models import Blueprint, Dot, Evidence, Idea
from personas.models import Card, Persona, Timeline
from showcases.models import Showcase
from workshops.models import Attendance, Membership, Programme, Role


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_data_is_a_programme_like_the_accounts_and_prints_a_login_per_role(db):
    output = _seed()

    programme = Programme.objects.get()
    assert programme.name == "Care Leavers Co-production Project"
    assert sorted(programme.memberships.values_list("role", flat=True)) == sorted(
        [Role.FACILITATOR, Role.CO_FACILITATOR, Role.MANAGER]
        + [Role.YOUNG_PERSON] * 3
        + [Role.PROFESSIONAL] * 4
    )
    assert set(
        programme.memberships.filter(role=Role.PROFESSIONAL).values_list("agency", flat=True)
    ) == {"Housing", "Education", "Leaving Care Team", "Health"}
    assert {s.venue for s in programme.workshops.all()[0].sessions.all()} == {
        "Care Leavers Hub, Houghton Regis"
    }
    first = programme.workshops.get(number=1).sessions.get()
    assert first.finished_at is not None
    assert Attendance.objects.filter(session=first, present=True).count() == 9
    for role, username in [
        ("Facilitator", "facilitator"),
        ("Co-facilitator", "cofacilitator"),
        ("Young person", "youngperson"),
        ("Professional", "professional"),
        ("Manager", "manager"),
    ]:
        assert f"  {role:<15} {username:<14}" in output
        assert User.objects.get(username=username).check_password("together-2026")
    assert "Every demo login has the password: together-2026" in output
    assert User.objects.get(username="facilitator").can_start_programmes
    persona = programme.personas.get()
    assert (persona.name, persona.session.workshop.number) == ("Jade", 2)
    journey_map = persona.journey_maps.get()
    assert journey_map.stages.count() == 6
    assert Card.objects.filter(stage__journey_map=journey_map).count() == 18
    assert Card.objects.filter(text__startswith="Hug in a Mug").exists()
    assert Timeline.objects.get(member__user__username="dan").visibility == "facilitators"
    assert programme.votes.filter(closed_at__isnull=True).count() == 0
    assert set(programme.ideas.filter(taken_forward=True).values_list("title", flat=True)) == {
        "Unique",
        "Global Tastes",
        "Hug in a Mug",
        "Keys and kettle",
        "Money buddy",
    }
    hug = programme.ideas.get(title="Hug in a Mug")
    assert hug.opportunities.get().text.startswith("Hug in a Mug")
    assert hug.prototypes.get().decision == "adopt"
    assert Blueprint.objects.filter(programme=programme).count() == 2
    assert Evidence.objects.filter(prototype__programme=programme).count() == 6


def test_demo_data_can_be_seeded_again_without_doubling(db):
    _seed()
    kayla = User.objects.get(username="youngperson")
    kayla.set_password("changed-by-kayla")
    kayla.save()

    _seed()

    assert Programme.objects.count() == 1
    assert Persona.objects.count() == 1
    assert Card.objects.count() == 18
    assert Idea.objects.count() == 9
    assert Dot.objects.count() == 36
    assert Membership.objects.count() == 10
    assert User.objects.count() == 10
    kayla.refresh_from_db()
    assert kayla.check_password("together-2026")


def test_the_demo_showcase_and_who_s_who_are_made_once(db):
    _seed()
    DirectoryEntry.objects.filter(user__username="youngperson").delete()

    _seed()

    showcase = Showcase.objects.get()
    assert (showcase.audience, showcase.people_count) == (
        "Children's Commission Leadership Group",
        13,
    )
    assert sum(showcase.guests.values_list("number", flat=True)) == 13
    assert [quote.speaker for quote in showcase.quotes.all()] == [
        "Ruth Adebayo, Head of Children's Services, Social Work",
        "Owen McKee, Head of Education, Children's Services",
        "Locality Coordinator, Children's Services",
    ]
    assert showcase.actions.count() == 4
    # Kayla took her entry down; seeding again does not put it back.
    assert set(DirectoryEntry.objects.values_list("user__username", flat=True)) == {
        "facilitator",
        "professional",
        "gemma",
        "manager",
    }
