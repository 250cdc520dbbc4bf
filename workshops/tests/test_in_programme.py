from functools import reduce

from django.apps import apps

from voice.models import Reflection
from workshops.models import InProgrammeQuerySet, Membership, Programme, Session

from .factories import first_session, make_reflection


def _programme_of(row, path: str) -> Programme:
    return reduce(getattr, path.split("__"), row)


def _in_programme_querysets():
    for model in apps.get_models():
        queryset = model._default_manager.all()
        if isinstance(queryset, InProgrammeQuerySet):
            yield model, queryset


def test_in_programme_takes_a_programme_or_its_id(people):
    sessions = list(Session.objects.filter(workshop__programme=people.programme))

    assert len(sessions) == 4
    assert list(Session.objects.in_programme(people.programme)) == sessions
    assert list(Session.objects.in_programme(people.programme.pk)) == sessions
    assert set(Membership.objects.in_programme(people.programme)) == {
        people.facilitator,
        people.co_facilitator,
        people.young_person,
        people.professional,
        people.manager,
    }


def test_every_programme_path_leads_to_the_programme(people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    make_reflection(first_session(people.programme), people.young_person, "Ours")
    make_reflection(first_session(other), other.memberships.get(), "Theirs")

    assert [r.text for r in Reflection.objects.in_programme(people.programme)] == ["Ours"]
    assert [r.text for r in Reflection.objects.in_programme(other.pk)] == ["Theirs"]
    for model, queryset in _in_programme_querysets():
        for programme in (people.programme, other):
            rows = queryset.in_programme(programme)
            assert {_programme_of(row, queryset.programme_path) for row in rows} <= {programme}, (
                model
            )
