"""Showcases: the group shows its work to the leaders who can change services, the
facilitators record who came and what they said, and a speaker who did not agree to be named
is their role alone, on every page and in the pack."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from blueprints.models import Idea, Prototype
from packs import content as contents
from packs.models import PackKind
from packs.tests.test_packs import make_now, pdf_text
from showcases.models import Action, Guest, Quote, Showcase, ShowcaseLink, Theme
from showcases.views import SHOWCASE_ROWS
from workshops.models import Programme
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair

HUG = "As a Corporate Parent, the more partners on board, the more love our care leavers feel."
PARTNERSHIP = "We could make the videos the policy!"


def _idea(programme: Programme, title: str = "Hug in a Mug") -> Idea:
    return Idea.objects.create(
        programme=programme,
        title=title,
        what="A weekly drop-in with a cuppa and someone who knows you.",
        taken_forward=True,
    )


def _showcase(people, **fields) -> Showcase:
    return Showcase.objects.create(
        programme=people.programme,
        **{
            "audience": "Children's Commission Leadership Group",
            "held_on": datetime.date(2026, 11, 10),
            "people_count": 13,
        }
        | fields,
    )


def _quotes(showcase: Showcase, idea: Idea | None = None) -> tuple[Quote, Quote]:
    named = Quote.objects.create(
        showcase=showcase,
        text=HUG,
        role="Head of Education",
        organisation="Children's Services",
        named=True,
        name="Owen McKee",
        idea=idea,
    )
    unnamed = Quote.objects.create(
        showcase=showcase,
        text=PARTNERSHIP,
        role="Locality Coordinator",
        organisation="Children's Services",
        named=False,
        name="Joanne Birch",
    )
    return named, unnamed


# name: (needs a showcase and its parts, (GET, POST) answers). Runners record; everyone reads.
URLS = {
    "showcases:showcase-list": (False, answers((200, 405), (200, 405))),
    "showcases:showcase-add": (False, answers((403, 403), (200, 200))),
    "showcases:showcase-detail": (True, answers((200, 405), (200, 405))),
    "showcases:showcase-edit": (True, answers((403, 403), (200, 200))),
    "showcases:guest-add": (True, answers((405, 403), (405, 200))),
    "showcases:guest-remove": (True, answers((405, 403), (405, 302))),
    "showcases:link-add": (True, answers((405, 403), (405, 200))),
    "showcases:link-remove": (True, answers((405, 403), (405, 302))),
    "showcases:quote-add": (True, answers((403, 403), (200, 200))),
    "showcases:quote-edit": (True, answers((403, 403), (200, 200))),
    "showcases:quote-remove": (True, answers((403, 403), (200, 302))),
    "showcases:showcase-remove": (True, answers((403, 403), (200, 302))),
}


def _args(people, name: str) -> list[int]:
    showcase = _showcase(people)
    args = [people.programme.pk, showcase.pk]
    if name.startswith("showcases:guest-remove"):
        args.append(Guest.objects.create(showcase=showcase, organisation="Housing").pk)
    elif name == "showcases:link-remove":
        link = ShowcaseLink.objects.create(
            showcase=showcase, title="Video", url="https://video.example.org/hug"
        )
        args.append(link.pk)
    elif name in ("showcases:quote-edit", "showcases:quote-remove"):
        args.append(_quotes(showcase)[0].pk)
    return args


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_showcase_url_answers_each_role_exactly(client, people, name, role):
    needs_showcase, table = URLS[name]
    args = _args(people, name) if needs_showcase else [people.programme.pk]
    url = reverse(name, args=args)
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, table)


def test_a_showcase_of_another_programme_is_not_found(client, people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    theirs = Showcase.objects.create(
        programme=other, audience="Their board", held_on=datetime.date(2026, 11, 1)
    )
    client.force_login(people.facilitator.user)

    for name in ("showcases:showcase-detail", "showcases:showcase-edit", "showcases:quote-add"):
        url = reverse(name, args=[people.programme.pk, theirs.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["showcases:guest-add", "showcases:link-add", "showcases:quote-add"]
)
def test_nothing_is_added_to_a_showcase_of_another_programme(client, people, name):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    theirs = Showcase.objects.create(
        programme=other, audience="Their board", held_on=datetime.date(2026, 11, 1)
    )
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse(name, args=[people.programme.pk, theirs.pk]),
        {
            "organisation": "NHS",
            "title": "V",
            "url": "https://example.org",
            "text": "Hi",
            "role": "Head",
        },
    )

    assert response.status_code == 404
    assert (theirs.guests.count(), theirs.links.count(), theirs.quotes.count()) == (0, 0, 0)


def test_a_quote_of_another_showcase_is_not_found_through_this_one(client, people):
    here, there = _showcase(people), _showcase(people, audience="Corporate Parenting Board")
    quote, _unnamed = _quotes(there)
    client.force_login(people.facilitator.user)

    edit = reverse("showcases:quote-edit", args=[people.programme.pk, here.pk, quote.pk])
    remove = reverse("showcases:quote-remove", args=[people.programme.pk, here.pk, quote.pk])

    assert (client.get(edit).status_code, client.post(remove).status_code) == (404, 404)
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_an_action_cannot_come_from_another_programme_s_showcase(client, people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    theirs = Showcase.objects.create(
        programme=other, audience="Their board", held_on=datetime.date(2026, 11, 1)
    )
    client.force_login(people.manager.user)
    url = reverse("showcases:action-add", args=[people.programme.pk])

    page = client.get(url, {"showcase": theirs.pk}).content.decode()
    response = client.post(
        url,
        {
            "what": "Share the videos",
            "organisation": "Education",
            "theme": Theme.MESSAGE,
            "showcase": theirs.pk,
        },
    )

    assert "Their board" not in page
    assert list(response.context["form"].errors) == ["showcase"]
    assert not Action.objects.exists()


def test_bad_showcase_input_says_what_to_fix_and_keeps_what_was_saved(client, people):
    showcase = _showcase(people)
    client.force_login(people.facilitator.user)
    url = reverse("showcases:showcase-edit", args=[people.programme.pk, showcase.pk])

    empty = client.post(url, {})
    too_many = client.post(
        url, {"audience": "Board", "held_on": "2026-11-10", "people_count": "99999"}
    )
    bad_quote = client.post(
        reverse("showcases:quote-add", args=[people.programme.pk, showcase.pk]), {}
    )

    assert empty.context["form"].errors == {
        "audience": ["Say who the showcase was for."],
        "held_on": ["Give the date of the showcase."],
    }
    assert too_many.context["form"].errors == {"people_count": ["Give a number from 1 to 1,000."]}
    assert bad_quote.context["form"].errors == {
        "text": ["Write what they said."],
        "role": ["Say what their role is, for example Head of Education."],
    }
    showcase.refresh_from_db()
    assert (showcase.audience, showcase.people_count) == (
        "Children's Commission Leadership Group",
        13,
    )
    assert not Quote.objects.exists()


def test_a_facilitator_records_a_showcase_with_the_ideas_shown(client, people):
    hug = _idea(people.programme)
    prototype = Prototype.objects.create(
        programme=people.programme, idea=hug, title="A Thursday drop-in", belief="it helps"
    )
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("showcases:showcase-add", args=[people.programme.pk]),
        {
            "audience": "Children's Commission Leadership Group",
            "held_on": "2026-11-10",
            "venue": "Priory House",
            "people_count": "13",
            "summary": "Over an hour of questions.",
            "ideas": [hug.pk],
            "prototypes": [prototype.pk],
        },
    )

    showcase = Showcase.objects.get()
    assert response["Location"] == showcase.get_absolute_url()
    assert (showcase.programme, showcase.held_on, showcase.people_count) == (
        people.programme,
        datetime.date(2026, 11, 10),
        13,
    )
    assert list(showcase.ideas.all()) == [hug]
    assert list(showcase.prototypes.all()) == [prototype]
    client.force_login(people.young_person.user)
    html = client.get(showcase.get_absolute_url()).content.decode()
    assert "Children&#x27;s Commission Leadership Group" in html
    assert "13 people came" in html
    assert "A Thursday drop-in" in html


def test_changing_a_showcase_starts_from_its_saved_date(client, people):
    showcase = _showcase(people)
    client.force_login(people.facilitator.user)

    html = client.get(
        reverse("showcases:showcase-edit", args=[people.programme.pk, showcase.pk])
    ).content.decode()

    # A date box only shows a date written year-month-day.
    assert 'type="date" name="held_on" value="2026-11-10"' in html


def test_an_idea_of_another_programme_cannot_be_shown(client, people):
    other = Programme.objects.exclude(pk=people.programme.pk).get()
    theirs = _idea(other, "Their idea")
    showcase = _showcase(people, audience="Corporate Parenting Board")
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("showcases:showcase-edit", args=[people.programme.pk, showcase.pk]),
        {"audience": "Renamed", "held_on": "2026-11-10", "ideas": [theirs.pk]},
    )

    assert response.status_code == 200
    assert "ideas" in response.context["form"].errors
    showcase.refresh_from_db()
    assert (showcase.audience, list(showcase.ideas.all())) == ("Corporate Parenting Board", [])


def test_who_came_and_links_are_added_and_bad_ones_say_why(client, people):
    showcase = _showcase(people)
    Guest.objects.create(showcase=showcase, organisation="Education", roles="Head", number=2)
    client.force_login(people.facilitator.user)
    guest_url = reverse("showcases:guest-add", args=[people.programme.pk, showcase.pk])
    link_url = reverse("showcases:link-add", args=[people.programme.pk, showcase.pk])

    bad_guest = client.post(guest_url, {"organisation": "NHS", "number": "0"})
    bad_link = client.post(link_url, {"title": "Video", "url": "javascript:alert(1)"})
    client.post(guest_url, {"organisation": "NHS", "roles": "Nurse", "number": "2"})
    client.post(link_url, {"title": "The Crew's video", "url": "https://video.example.org/a"})

    assert "Give a number from 1 to 500." in bad_guest.content.decode()
    assert bad_guest.context["guest_form"].errors == {"number": ["Give a number from 1 to 500."]}
    assert list(bad_link.context["link_form"].errors) == ["url"]
    assert list(showcase.guests.values_list("organisation", "roles", "number")) == [
        ("Education", "Head", 2),
        ("NHS", "Nurse", 2),
    ]
    assert list(showcase.links.values_list("title", "url")) == [
        ("The Crew's video", "https://video.example.org/a")
    ]


def test_removing_takes_only_that_row_of_this_showcase(client, people):
    showcase = _showcase(people)
    keep = Guest.objects.create(showcase=showcase, organisation="Education")
    gone = Guest.objects.create(showcase=showcase, organisation="Housing")
    other_showcase = _showcase(people, audience="Another group")
    elsewhere = Guest.objects.create(showcase=other_showcase, organisation="NHS")
    client.force_login(people.co_facilitator.user)

    wrong = client.post(
        reverse("showcases:guest-remove", args=[people.programme.pk, showcase.pk, elsewhere.pk])
    )
    client.post(reverse("showcases:guest-remove", args=[people.programme.pk, showcase.pk, gone.pk]))

    assert wrong.status_code == 404
    assert set(Guest.objects.values_list("pk", flat=True)) == {keep.pk, elsewhere.pk}


def test_a_name_nobody_agreed_to_is_not_kept(people):
    showcase = _showcase(people)

    named, unnamed = _quotes(showcase)

    unnamed.refresh_from_db()
    assert (unnamed.name, unnamed.speaker) == ("", "Locality Coordinator, Children's Services")
    assert named.speaker == "Owen McKee, Head of Education, Children's Services"
    named.named = False
    named.save()
    named.refresh_from_db()
    assert (named.name, named.speaker) == ("", "Head of Education, Children's Services")


def test_the_quote_form_asks_for_a_name_only_with_agreement(client, people):
    showcase = _showcase(people)
    hug = _idea(people.programme)
    client.force_login(people.facilitator.user)
    url = reverse("showcases:quote-add", args=[people.programme.pk, showcase.pk])
    quote = {"text": HUG, "role": "Head of Education", "organisation": "Education"}

    no_agreement = client.post(url, quote | {"name": "Owen McKee"})
    no_name = client.post(url, quote | {"named": "on"})
    saved = client.post(url, quote | {"named": "on", "name": "Owen McKee", "idea": hug.pk})

    assert no_agreement.context["form"].errors == {
        "name": [
            "They did not agree to be named: leave their name empty, or tick that they agreed."
        ]
    }
    assert no_name.context["form"].errors == {
        "name": ["Add their name, or untick that they agreed to be named."]
    }
    assert saved["Location"] == showcase.get_absolute_url()
    assert list(Quote.objects.values_list("name", "named", "idea")) == [
        ("Owen McKee", True, hug.pk)
    ]


def test_a_speaker_who_did_not_agree_is_their_role_alone_everywhere(client, people):
    hug = _idea(people.programme)
    showcase = _showcase(people)
    showcase.ideas.add(hug)
    _named, unnamed = _quotes(showcase, idea=hug)
    # Not even a write straight into the table (an import, say) can keep the name.
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=unnamed.pk).update(name="Joanne Birch")
    pages = [
        reverse("showcases:quote-edit", args=[people.programme.pk, showcase.pk, unnamed.pk]),
        reverse("showcases:showcase-list", args=[people.programme.pk]),
        showcase.get_absolute_url(),
        hug.get_absolute_url(),
        reverse("workshops:programme-detail", args=[people.programme.pk]),
        reverse("showcases:action-list", args=[people.programme.pk]),
    ]

    for role in ("young_person", "manager", "facilitator"):
        client.force_login(people.member(role).user)
        for page in pages:
            response = client.get(page)
            assert "Joanne Birch" not in response.content.decode(), (role, page)
    assert response.status_code == 200
    html = client.get(showcase.get_absolute_url()).content.decode()
    assert "Locality Coordinator, Children&#x27;s Services" in html
    assert "Owen McKee, Head of Education, Children&#x27;s Services" in html
    text = pdf_text(make_now(PackKind.PROGRAMME, people).file.read())
    assert "Joanne Birch" not in text
    assert "Locality Coordinator, Children's Services" in text
    assert "Owen McKee, Head of Education, Children's Services · about Hug in a Mug" in text


def test_removing_a_showcase_asks_first_and_keeps_its_actions(client, people):
    showcase = _showcase(people)
    _quotes(showcase)
    action = Action.objects.create(
        programme=people.programme,
        showcase=showcase,
        what="Share the videos",
        organisation="Education",
        theme=Theme.MESSAGE,
    )
    client.force_login(people.facilitator.user)
    url = reverse("showcases:showcase-remove", args=[people.programme.pk, showcase.pk])

    asked = client.get(url).content.decode()
    assert Showcase.objects.exists()
    removed = client.post(url)

    assert "Remove “Children&#x27;s Commission Leadership Group”?" in asked
    assert removed["Location"] == reverse("showcases:showcase-list", args=[people.programme.pk])
    assert (Showcase.objects.count(), Quote.objects.count()) == (0, 0)
    action.refresh_from_db()
    assert action.showcase is None


def test_showcase_text_is_escaped(client, people):
    showcase = _showcase(people, audience="<b>Board</b>")
    Quote.objects.create(showcase=showcase, text="<script>alert(1)</script>", role="<i>Head</i>")
    client.force_login(people.young_person.user)

    html = client.get(showcase.get_absolute_url()).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;i&gt;Head&lt;/i&gt;" in html


def test_recording_without_the_form_token_is_refused(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("showcases:showcase-add", args=[people.programme.pk]),
        {"audience": "Board", "held_on": "2026-11-10"},
    )

    assert response.status_code == 403
    assert not Showcase.objects.exists()


def test_an_action_taken_away_from_a_showcase_is_linked_to_it(client, people):
    showcase = _showcase(people)
    client.force_login(people.manager.user)
    add_url = reverse("showcases:action-add", args=[people.programme.pk])

    form = client.get(add_url, {"showcase": showcase.pk}).context["form"]
    client.post(
        add_url,
        {
            "what": "Share the videos with the whole staff team",
            "organisation": "Education",
            "owner": people.manager.pk,
            "theme": Theme.MESSAGE,
            "showcase": showcase.pk,
        },
    )

    assert form["showcase"].value() == str(showcase.pk)
    assert Action.objects.get().showcase == showcase
    client.force_login(people.young_person.user)
    html = client.get(showcase.get_absolute_url()).content.decode()
    assert "Share the videos with the whole staff team" in html


@pytest.mark.parametrize("count", [1, 40])
def test_showcase_pages_hold_a_fixed_number_of_queries(
    client, people, count, django_assert_max_num_queries
):
    ideas = [_idea(people.programme, f"Idea {n}") for n in range(3)]
    for n in range(count):
        showcase = _showcase(people, audience=f"Board {n}")
        showcase.ideas.set(ideas)
        _quotes(showcase, idea=ideas[0])
        Guest.objects.bulk_create(
            Guest(showcase=showcase, organisation=f"Organisation {g}") for g in range(count)
        )
        ShowcaseLink.objects.bulk_create(
            ShowcaseLink(showcase=showcase, title=f"Video {g}", url="https://example.org/v")
            for g in range(count)
        )
        Action.objects.bulk_create(
            Action(
                programme=people.programme,
                showcase=showcase,
                what=f"Action {g}",
                organisation="Housing",
                owner=people.manager,
                theme=Theme.TOGETHER,
            )
            for g in range(count)
        )
    client.force_login(people.facilitator.user)

    with django_assert_max_num_queries(5):
        listed = client.get(reverse("showcases:showcase-list", args=[people.programme.pk]))
    # The showcase and its ideas, links and prototypes, and a count and a page of each of
    # who came, what they said and what they will do.
    with django_assert_max_num_queries(13):
        shown = client.get(showcase.get_absolute_url())

    assert len(listed.context["showcases"]) == count
    assert (listed.context["showcases"][0].quote_count, shown.context["quotes"].count()) == (
        2,
        2,
    )
    assert len(shown.context["guests"]) == min(count, SHOWCASE_ROWS)
    assert shown.context["guest_page"].paginator.count == count


def test_a_long_showcase_shows_who_came_and_what_they_will_do_a_page_at_a_time(client, people):
    showcase = _showcase(people)
    Guest.objects.bulk_create(
        Guest(showcase=showcase, organisation=f"Organisation {n:02}") for n in range(30)
    )
    Action.objects.bulk_create(
        Action(
            programme=people.programme,
            showcase=showcase,
            what=f"Action {n:02}",
            organisation="Housing",
            theme=Theme.TOGETHER,
        )
        for n in range(14)
    )
    client.force_login(people.young_person.user)

    first = client.get(showcase.get_absolute_url())
    last = client.get(showcase.get_absolute_url(), {"guests": 3, "actions": 2})

    def guests(response):
        return [guest.organisation for guest in response.context["guests"]]

    assert guests(first) == [f"Organisation {n:02}" for n in range(12)]
    assert guests(last) == [f"Organisation {n:02}" for n in range(24, 30)]
    assert [action.what for action in last.context["actions"]] == ["Action 12", "Action 13"]
    html = first.content.decode()
    assert 'href="?guests=2#guests-heading"' in html
    assert 'href="?actions=2#actions-heading"' in html
    assert 'aria-label="Pages of who came"' in html
    assert "?quotes=" not in html


def test_showcases_and_what_was_said_go_in_the_programme_pack(people):
    hug = _idea(people.programme)
    showcase = _showcase(people, venue="Priory House")
    showcase.ideas.add(hug)
    Guest.objects.create(
        showcase=showcase, organisation="Education", roles="Head of Education", number=2
    )
    _quotes(showcase, idea=hug)

    content = contents.programme_pack_content(people.programme)

    assert content["showcases"] == [
        {
            "audience": "Children's Commission Leadership Group",
            "date": "Tuesday 10 November 2026",
            "venue": "Priory House",
            "people_count": 13,
            "summary": "",
            "guests": [{"organisation": "Education", "roles": "Head of Education", "number": 2}],
            "shown": ["Hug in a Mug"],
            "links": [],
            "quotes": [
                {
                    "text": HUG,
                    "speaker": "Owen McKee, Head of Education, Children's Services",
                    "about": "Hug in a Mug",
                },
                {
                    "text": PARTNERSHIP,
                    "speaker": "Locality Coordinator, Children's Services",
                    "about": "",
                },
            ],
        }
    ]


def test_a_kept_showcase_shows_what_was_added_and_each_recorder_s_own_token(people):
    import re

    from django.middleware.csrf import _unmask_cipher_token

    showcase = _showcase(people)
    young_person = Client()
    young_person.force_login(people.young_person.user)
    recorders = {}
    for person in ("facilitator", "co_facilitator"):
        recorders[person] = Client(enforce_csrf_checks=True)
        recorders[person].force_login(people.member(person).user)
    assert (
        "Who Cares? Scotland" not in young_person.get(showcase.get_absolute_url()).content.decode()
    )

    def tokens(html: str) -> set[str]:
        return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))

    page = recorders["facilitator"].get(showcase.get_absolute_url()).content.decode()
    token = next(iter(tokens(page)))

    added = recorders["facilitator"].post(
        reverse("showcases:guest-add", args=[people.programme.pk, showcase.pk]),
        {
            "organisation": "Who Cares? Scotland",
            "roles": "Advocacy",
            "number": 2,
            "csrfmiddlewaretoken": token,
        },
    )

    assert added.status_code == 302
    assert "Who Cares? Scotland" in young_person.get(showcase.get_absolute_url()).content.decode()
    for person, client in recorders.items():
        html = client.get(showcase.get_absolute_url()).content.decode()
        assert "Who Cares? Scotland" in html, person
        assert "csrf\x00" not in html
        secrets = {_unmask_cipher_token(token) for token in tokens(html)}
        assert secrets == {client.cookies["csrftoken"].value}, person
