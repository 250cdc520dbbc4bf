"""Pages hold a fixed number of queries however much a programme holds.

Each page is asked for at a small and a large size under the same bound; a query in a loop
would break the bound at the large size.
"""

import datetime

import pytest
from django.urls import reverse

from showcases.models import Action, ActionStatus, Showcase, Theme
from workshops import services
from workshops.models import Role

from .factories import (
    ActivityFactory,
    MembershipFactory,
    UserFactory,
    dated,
    programme_from_template,
)


def _grow(people, *, members: int, activities: int, programmes: int = 1):
    for _ in range(members):
        MembershipFactory(programme=people.programme, role=Role.PROFESSIONAL, agency="Housing")
    for session in [w.sessions.get() for w in people.programme.workshops.all()]:
        dated(session, 7 * session.workshop.number)
        session.activities.all().delete()
        for _ in range(activities):
            ActivityFactory(session=session, lead=people.co_facilitator)
    for number in range(programmes - 1):
        programme = programme_from_template(created_by=UserFactory(), name=f"Cohort {number}")
        MembershipFactory(programme=programme, user=people.facilitator.user, role=Role.MANAGER)
        for session in [w.sessions.get() for w in programme.workshops.all()]:
            dated(session, 3)
    session = people.programme.workshops.get(number=1).sessions.get()
    services.attendance_record(
        session=session,
        present_member_ids=set(people.programme.memberships.values_list("id", flat=True)),
    )
    return session


SIZES = [
    pytest.param({"members": 0, "activities": 2, "programmes": 1}, id="small"),
    pytest.param({"members": 30, "activities": 40, "programmes": 20}, id="large"),
]


def _count(client, people, django_assert_max_num_queries, url, bound):
    client.force_login(people.facilitator.user)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_query_count(client, people, django_assert_max_num_queries, size):
    _grow(people, **size)
    response = _count(
        client, people, django_assert_max_num_queries, reverse("workshops:dashboard"), 4
    )
    assert len(response.context["memberships"]) == size["programmes"]


@pytest.mark.parametrize("size", SIZES)
def test_programme_page_query_count(client, people, django_assert_max_num_queries, size):
    _grow(people, **size)
    services.pledges_replace(
        programme=people.programme, texts=[f"Pledge {n}" for n in range(size["members"])]
    )
    showcase = Showcase.objects.create(
        programme=people.programme, audience="Leadership Group", held_on=datetime.date(2026, 11, 10)
    )
    Action.objects.bulk_create(
        Action(
            programme=people.programme,
            showcase=showcase,
            what=f"Action {n}",
            organisation="Housing",
            theme=Theme.TOGETHER,
            status=ActionStatus.DONE if n % 2 else ActionStatus.OPEN,
        )
        for n in range(size["members"] + 1)
    )
    response = _count(
        client, people, django_assert_max_num_queries, people.programme.get_absolute_url(), 11
    )
    assert response.context["member_count"] == 5 + size["members"]
    assert len(response.context["pledges"]) == size["members"]
    assert response.context["action_total"] == size["members"] + 1
    assert "the group showed its work to the" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_session_page_query_count(client, people, django_assert_max_num_queries, size):
    session = _grow(people, **size)
    response = _count(client, people, django_assert_max_num_queries, session.get_absolute_url(), 14)
    assert len(response.context["agenda"].items) == size["activities"]


@pytest.mark.parametrize("size", SIZES)
def test_live_session_page_query_count(client, people, django_assert_max_num_queries, size):
    """On the day, the page also shows what is happening now and what members can do."""
    session = _grow(people, **size)
    dated(session, 0)
    services.session_advance(session=session, from_activity_id=None)
    response = _count(client, people, django_assert_max_num_queries, session.get_absolute_url(), 18)
    assert response.context["current"].title == session.activities.first().title


@pytest.mark.parametrize("size", SIZES)
def test_run_view_query_count(client, people, django_assert_max_num_queries, size):
    session = _grow(people, **size)
    services.session_advance(session=session, from_activity_id=None)
    services.join_code(session)  # made on the first view, with a look for a clash and a write
    url = reverse("workshops:session-run", args=[people.programme.pk, session.pk])
    # With the open quick question, if any (one query; its answers one more when there is).
    response = _count(client, people, django_assert_max_num_queries, url, 7)
    assert response.context["current"] is not None


@pytest.mark.parametrize("size", SIZES)
def test_members_page_query_count(client, people, django_assert_max_num_queries, size):
    _grow(people, **size)
    url = reverse("workshops:members", args=[people.programme.pk])
    # Five, and the record that the list was opened (workshops/looks.py).
    response = _count(client, people, django_assert_max_num_queries, url, 6)
    assert len(response.context["members"]) == 5 + size["members"]


@pytest.mark.parametrize("size", SIZES)
def test_register_query_count(client, people, django_assert_max_num_queries, size):
    session = _grow(people, **size)
    url = reverse("workshops:attendance", args=[people.programme.pk, session.pk])
    response = _count(client, people, django_assert_max_num_queries, url, 6)
    assert response.context["present_count"] == 5 + size["members"]
