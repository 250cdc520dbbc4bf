"""Actions taken away: managers add and update the ones they own, facilitators any, and the
whole group, young people included, sees where each has got to."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from packs import content as contents
from packs.models import PackKind
from packs.tests.test_packs import make_now, pdf_text
from showcases import services
from showcases.models import Action, ActionStatus, ActionUpdate, Theme
from showcases.views import ACTIONS_PER_PAGE
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair


def _action(people, owner=None, **fields) -> Action:
    return services.action_add(
        programme=people.programme,
        by=people.facilitator,
        **{
            "what": "Use the Co-Design Crew's feedback in the Children's Services plan",
            "organisation": "Education",
            "owner": owner or people.manager,
            "theme": Theme.IMPROVEMENT,
            "due_on": timezone.localdate() + datetime.timedelta(days=30),
        }
        | fields,
    )


# name: (needs an action, (GET, POST) answers); the manager owns the action.
URLS = {
    "showcases:action-list": (False, answers((200, 405), (200, 405))),
    "showcases:action-add": (False, answers((403, 403), (200, 200), manager=(200, 200))),
    "showcases:action-detail": (True, answers((200, 405), (200, 405))),
    "showcases:action-update": (True, answers((405, 403), (405, 200), manager=(405, 200))),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_action_url_answers_each_role_exactly(client, people, name, role):
    needs_action, table = URLS[name]
    args = [people.programme.pk] + ([_action(people).pk] if needs_action else [])
    url = reverse(name, args=args)
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, table)


def test_a_manager_adds_an_action_and_the_young_people_see_it(client, people):
    client.force_login(people.manager.user)

    response = client.post(
        reverse("showcases:action-add", args=[people.programme.pk]),
        {
            "what": "Recruit a participation officer",
            "organisation": "Social Work",
            "owner": people.manager.pk,
            "theme": Theme.RECRUITMENT,
            "due_on": "2027-03-31",
        },
    )

    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert (action.status, action.due_on) == (ActionStatus.OPEN, datetime.date(2027, 3, 31))
    assert list(action.updates.values_list("status", "note", "by")) == [
        ("open", "Added.", people.manager.pk)
    ]
    client.force_login(people.young_person.user)
    html = client.get(reverse("showcases:action-list", args=[people.programme.pk])).content
    assert b"Recruit a participation officer" in html
    assert b"due by 31 March 2027" in html


def test_a_manager_updates_only_the_actions_they_own(client, people):
    theirs = _action(people)
    someone_elses = _action(people, owner=people.co_facilitator)
    client.force_login(people.manager.user)

    updated = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, theirs.pk]),
        {"status": "in_progress", "note": "Taken to the leadership team on Monday."},
    )
    refused = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, someone_elses.pk]),
        {"status": "done", "note": "Not mine to say."},
    )

    assert updated.status_code == 302 and refused.status_code == 403
    theirs.refresh_from_db()
    someone_elses.refresh_from_db()
    assert theirs.status == ActionStatus.IN_PROGRESS
    assert someone_elses.status == ActionStatus.OPEN
    assert theirs.updates.first().note == "Taken to the leadership team on Monday."
    assert ActionUpdate.objects.filter(note="Not mine to say.").count() == 0


def test_a_professional_who_owns_an_action_updates_it_and_its_log(client, people):
    """Housing answers for 'A named Housing worker for every care leaver at 16'."""
    theirs = _action(people, owner=people.professional, organisation="Housing")
    someone_elses = _action(people, owner=people.manager)
    client.force_login(people.professional.user)

    page = client.get(theirs.get_absolute_url())
    assert page.context["form"] is not None
    assert client.get(someone_elses.get_absolute_url()).context["form"] is None
    updated = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, theirs.pk]),
        {"status": "in_progress", "note": "Two named workers start in January."},
    )
    refused = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, someone_elses.pk]),
        {"status": "done", "note": "Not mine to say."},
    )
    assert (updated.status_code, refused.status_code) == (302, 403)
    theirs.refresh_from_db()
    assert theirs.status == ActionStatus.IN_PROGRESS
    assert [(u.by, u.note) for u in theirs.updates.all()] == [
        (people.professional, "Two named workers start in January."),
        (people.facilitator, "Added."),
    ]
    assert not ActionUpdate.objects.filter(note="Not mine to say.").exists()


def test_a_young_person_updates_no_action(client, people):
    action = _action(people)
    client.force_login(people.young_person.user)
    assert client.get(action.get_absolute_url()).context["form"] is None
    response = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, action.pk]),
        {"status": "done", "note": "Done!"},
    )
    assert response.status_code == 403


def test_a_bad_update_says_why_and_changes_nothing(client, people):
    action = _action(people)
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("showcases:action-update", args=[people.programme.pk, action.pk]),
        {"status": "finished-ish", "note": "x" * 501},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in html
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert action.updates.count() == 1


def test_a_late_action_stands_out(client, people):
    _action(people, what="Share the concepts with the NHS board", due_on=datetime.date(2026, 1, 5))
    _action(people, what="Done already", due_on=datetime.date(2026, 1, 5), status="done")
    client.force_login(people.young_person.user)

    html = client.get(reverse("showcases:action-list", args=[people.programme.pk])).content.decode()

    assert html.count("action-card--late") == 1
    assert html.count(">Late<") == 1
    assert "<strong>1</strong> late" in html


def test_a_kept_action_card_shows_each_update_and_the_day_it_became_late(client, people):
    """Action cards come from the fragment cache: an update, and the due date passing with
    nothing else changed, must each show on the next view."""
    action = _action(people, what="Hug in a Mug in every hub", due_on=datetime.date(2026, 12, 3))
    url = reverse("showcases:action-list", args=[people.programme.pk])
    client.force_login(people.young_person.user)

    def card():
        html = client.get(url).content.decode()
        return html[html.index('<li class="action-card') : html.index("</li>", html.index("<ol"))]

    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 12, 2)):
        before = card()
        client.force_login(people.manager.user)
        client.post(
            reverse("showcases:action-update", args=[people.programme.pk, action.pk]),
            {"status": "in_progress", "note": "Two hubs have started."},
        )
        updated = card()
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 12, 4)):
        late = card()

    assert ("Not started" in before, "Two hubs have started." in before) == (True, False)
    assert "action-card--late" not in updated
    assert ("In progress" in updated, "Two hubs have started." in updated) == (True, True)
    assert "action-card--late" in late and ">Late<" in late


def test_action_text_is_escaped(client, people):
    _action(people, what="<script>alert(1)</script> Hug in a Mug for everyone")
    client.force_login(people.young_person.user)

    html = client.get(reverse("showcases:action-list", args=[people.programme.pk])).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hug in a Mug for everyone" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("count", [5, 500])
def test_the_action_list_holds_a_fixed_number_of_queries(
    client, people, count, django_assert_max_num_queries
):
    actions = Action.objects.bulk_create(
        Action(
            programme=people.programme,
            what=f"Action {n}",
            organisation="Housing",
            owner=people.manager,
            theme=Theme.TOGETHER,
        )
        for n in range(count)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=action, status="open", note="Added.", by=people.manager)
        for action in actions
    )
    client.force_login(people.young_person.user)

    url = reverse("showcases:action-list", args=[people.programme.pk])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    pages = -(-count // ACTIONS_PER_PAGE)
    with django_assert_max_num_queries(6):
        last = client.get(f"{url}?page={pages}")

    assert len(response.context["actions"]) == min(count, ACTIONS_PER_PAGE)
    assert [label_count for _label, label_count in response.context["counts"]] == [
        count,
        0,
        0,
        0,
    ]
    assert last.context["page"].number == -(-count // ACTIONS_PER_PAGE)
    assert len(last.context["actions"]) == count - ACTIONS_PER_PAGE * (
        last.context["page"].number - 1
    )


def test_actions_and_where_they_got_to_go_in_the_programme_pack(people):
    action = _action(people, what="Share the videos with the Education staff team")
    services.action_update(
        action=action, by=people.manager, status="done", note="Shown at the staff day."
    )

    content = contents.programme_pack_content(people.programme)
    text = pdf_text(make_now(PackKind.PROGRAMME, people).file.read())

    assert [a["status"] for a in content["actions"]] == ["Done"]
    assert "What people said they will do" in text
    assert "Share the videos with the Education staff team" in text
    assert "Shown at the staff day." in text
