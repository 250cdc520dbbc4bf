"""Leaving a programme and erasing an account: what goes, what stays for the group without a
name, and that nothing of anyone else's is touched."""

import re

import pytest
from axes.models import AccessLog
from django.contrib.sessions.models import Session as BrowserSession
from django.test import Client
from django.urls import reverse

from accounts.models import DirectoryEntry, Invitation, User
from blueprints import services as blueprint_services
from blueprints.models import Dot, Evidence, Idea
from packs.content import pack_content
from packs.models import Pack, PackKind
from personas import services as persona_services
from personas.models import Card, CardMerge, Timeline, TimelineEvent
from privacy import erasure, services
from privacy.models import DataExport, Erasure, ErasureKind
from voice import services as voice_services
from voice.models import Answer, CheckOut, Photo, Reflection, Shared
from workshops.models import Attendance, Membership
from workshops.tests.factories import (
    PASSWORD,
    MembershipFactory,
    first_session,
    make_photo,
    make_reflection,
)
from workshops.tests.matrix import ROLES, answers, client_for, expected_pair

from .test_export import _with_a_bit_of_everything

pytestmark = pytest.mark.django_db

KAYLAS_WORDS = [
    "I felt listened to, for once",
    "Nobody rang me back",
    "Perfect Plumbers",
    "Twelve came on day one",
    "Moved to a flat",
    "Our wall of hopes",
    "The pizza",
    "Music and cooking",
    "It is my home",
]


def _everything(people):
    kayla, tom = people.young_person, people.professional
    journey, voting, session, written = _with_a_bit_of_everything(people, kayla, tom)
    # One of each of what goes whatever she chooses, beside what she shared.
    make_reflection(session, kayla, "Just for Jo to read", shared=Shared.FACILITATORS)
    hidden = make_reflection(session, kayla, "Hidden by Jo")
    voice_services.reflection_hide(reflection=hidden, by=people.facilitator, reason="Names")
    # Tom's words, to be sure none of them is touched.
    toms = _toms_now(tom)
    return journey, voting, session, written, toms


def _toms_now(tom) -> dict:
    return {
        "reflections": sorted(Reflection.objects.filter(author=tom).values_list("text", flat=True)),
        "cards": sorted(Card.objects.filter(author=tom).values_list("text", flat=True)),
        "photos": Photo.objects.filter(uploaded_by=tom).count(),
        "checkouts": CheckOut.objects.filter(membership=tom).count(),
        "answers": Answer.objects.filter(member=tom).count(),
        "dots": Dot.objects.filter(member=tom).count(),
        "events": sorted(
            TimelineEvent.objects.filter(timeline__member=tom).values_list("text", flat=True)
        ),
        "evidence": list(Evidence.objects.filter(added_by=tom).values_list("text", flat=True)),
        "directory": DirectoryEntry.objects.filter(user=tom.user).count(),
        "attendance": Attendance.objects.filter(membership=tom).count(),
    }


def _gone_whatever_she_chose(kayla, photo_file) -> None:
    assert not Membership.objects.filter(pk=kayla.pk).exists()
    assert not Reflection.objects.filter(text__in=["Just for Jo to read", "Hidden by Jo"]).exists()
    assert not Timeline.objects.filter(member_id=kayla.pk).exists()
    assert not TimelineEvent.objects.filter(text="Moved to a flat").exists()
    assert not Photo.objects.filter(caption="Our wall of hopes").exists()
    assert not photo_file.storage.exists(photo_file.name)
    assert not CheckOut.objects.filter(went_well="The pizza").exists()
    assert not Answer.objects.filter(words="Hopeful").exists()
    assert not Dot.objects.filter(member_id=kayla.pk).exists()
    assert not Attendance.objects.filter(membership_id=kayla.pk).exists()
    assert not Invitation.objects.filter(name="Kayla M").exists()


def test_leaving_and_keeping_shared_work_leaves_it_without_her_name(
    people, django_capture_on_commit_callbacks
):
    kayla, tom = people.young_person, people.professional
    journey, voting, session, written, toms = _everything(people)
    photo_file = written["kayla_photo"].image
    Pack.objects.create(programme=people.programme, kind=PackKind.PROGRAMME, content_hash="a" * 64)

    with django_capture_on_commit_callbacks(execute=True):
        erasure.membership_erase(membership=kayla, keep_shared=True, done_by=kayla.user)

    _gone_whatever_she_chose(kayla, photo_file)
    kept = Reflection.objects.get(text="I felt listened to, for once")
    assert (kept.author, kept.anonymous, kept.wants_a_chat, kept.chat_answered_at) == (
        None,
        True,
        False,
        None,
    )
    assert list(
        Card.objects.filter(text="Hug in a Mug drop-in").values_list("author", flat=True)
    ) == [None]
    assert Idea.objects.get(title="Perfect Plumbers").author is None
    assert Evidence.objects.get(text="Twelve came on day one").added_by is None
    # Her card merged into Jo's stays merged, and the merge can still be undone.
    merge = CardMerge.objects.get()
    assert (merge.removed_text, merge.removed_author) == ("Nobody rang me back", None)
    assert Pack.objects.count() == 0
    assert _toms_now(tom) == toms
    record = Erasure.objects.get()
    assert (
        record.kind,
        record.user_number,
        record.programme,
        record.kept_shared_work,
        record.by_self,
        record.reason,
    ) == (ErasureKind.LEFT, kayla.user_id, people.programme, True, True, "")
    # Her account is still there, in no programme.
    assert User.objects.filter(pk=kayla.user_id).exists()


def test_leaving_and_taking_shared_work_away_removes_it_and_gives_others_theirs_back(
    people, django_capture_on_commit_callbacks
):
    kayla, tom = people.young_person, people.professional
    journey, voting, session, written, toms = _everything(people)
    jos_card = journey.facilitator_card
    # Tom's card merged into one of Kayla's: Tom gets his back when hers goes.
    stage = journey.journey_map.stages.order_by("order").last()
    kaylas = persona_services.card_add(stage=stage, kind="insight", text="Kayla's", author=kayla)
    toms_card = persona_services.card_add(
        stage=stage, kind="insight", text="Tom's card to merge", author=tom
    )
    persona_services.card_merge(card=toms_card, into=kaylas, by=people.facilitator)
    # An idea of hers the group built a blueprint on stays, without her name.
    built = Idea.objects.create(
        programme=people.programme, title="Hug in a Mug", what="A weekly drop-in", author=kayla
    )
    blueprint_services.blueprint_create(idea=built)
    map_version = journey.journey_map.version
    toms["cards"] = sorted([*toms["cards"], "Tom's card to merge"])

    with django_capture_on_commit_callbacks(execute=True):
        erasure.membership_erase(membership=kayla, keep_shared=False, done_by=kayla.user)

    _gone_whatever_she_chose(kayla, written["kayla_photo"].image)
    for text in ["I felt listened to, for once", "Hug in a Mug drop-in", "Kayla's"]:
        assert not Reflection.objects.filter(text=text).exists()
        assert not Card.objects.filter(text__contains=text).exists()
    assert not Idea.objects.filter(title="Perfect Plumbers").exists()
    assert not Evidence.objects.filter(text="Twelve came on day one").exists()
    assert Idea.objects.get(title="Hug in a Mug").author is None
    # Her words came out of Jo's card, and the merge record with them.
    jos_card.refresh_from_db()
    assert jos_card.text == "Too many new faces"
    assert not CardMerge.objects.filter(removed_text="Nobody rang me back").exists()
    assert Card.objects.get(text="Tom's card to merge").author == tom
    assert _toms_now(tom) == toms
    journey.journey_map.refresh_from_db()
    assert journey.journey_map.version > map_version
    assert Erasure.objects.get().kept_shared_work is False


def test_an_erasure_stopped_half_way_leaves_everything_and_finishes_when_asked_again(
    people, monkeypatch
):
    kayla = people.young_person
    _everything(people)
    reflections = Reflection.objects.count()

    def stopped(*args, **kwargs):
        raise RuntimeError("the worker was killed")

    real = erasure._cards
    monkeypatch.setattr(erasure, "_cards", stopped)
    with pytest.raises(RuntimeError):
        erasure.membership_erase(membership=kayla, keep_shared=False)
    assert Membership.objects.filter(pk=kayla.pk).exists()
    assert Reflection.objects.count() == reflections
    assert Erasure.objects.count() == 0

    monkeypatch.setattr(erasure, "_cards", real)
    erasure.membership_erase(membership=kayla, keep_shared=False)
    erasure.membership_erase(membership=kayla, keep_shared=False)  # and again: nothing more

    assert not Membership.objects.filter(pk=kayla.pk).exists()
    assert Erasure.objects.count() == 1


def test_a_member_erases_their_account_and_is_signed_out_everywhere(
    client, people, django_capture_on_commit_callbacks
):
    kayla = people.young_person
    _everything(people)
    export = services.export_request(user=kayla.user, language="en")
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    export_file = export.file
    phone = Client()
    phone.force_login(kayla.user)
    client.force_login(kayla.user)
    erase = reverse("privacy:account-erase")

    wrong = client.post(erase, {"shared_work": "keep", "password": "not it"})
    assert wrong.status_code == 400
    assert "That is not your password. Try again." in wrong.content.decode()
    unchosen = client.post(erase, {"password": PASSWORD})
    assert "Choose what happens to what you wrote for the group." in unchosen.content.decode()
    assert User.objects.filter(pk=kayla.user_id).exists()

    with django_capture_on_commit_callbacks(execute=True):
        erased = client.post(erase, {"shared_work": "keep", "password": PASSWORD})

    assert erased.status_code == 302
    assert erased["Location"] == reverse("privacy:erased")
    assert not User.objects.filter(pk=kayla.user_id).exists()
    assert not DirectoryEntry.objects.filter(name="Kayla").exists()
    assert not DataExport.objects.exists()
    assert not export_file.storage.exists(export_file.name)
    assert not AccessLog.objects.filter(ip_address="10.0.0.7").exists()
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(kayla.user_id)
        for session in BrowserSession.objects.all()
    )
    # The phone she was signed in on is signed out.
    assert phone.get(reverse("privacy:account"))["Location"].startswith(reverse("login"))
    assert Reflection.objects.get(text="I felt listened to, for once").author is None
    record = Erasure.objects.get()
    assert (record.kind, record.user_number, record.by_self, record.done_by, record.reason) == (
        ErasureKind.ACCOUNT,
        kayla.user_id,
        True,
        None,
        "",
    )
    page = client.get(reverse("privacy:erased")).content.decode()
    assert "Your account has been erased" in page


def test_after_an_erasure_no_page_and_no_pack_holds_a_trace_of_her(
    people, django_capture_on_commit_callbacks
):
    """Every page the facilitator can reach, and every kind of pack, looked through for her
    name and her words once she has taken them away."""
    kayla = people.young_person
    kayla.user.display_name = "Kayla Mensah-Doyle"
    kayla.user.save()
    journey, voting, session, written, toms = _everything(people)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.account_erase(user=kayla.user, keep_shared=False)

    client = Client()
    client.force_login(people.facilitator.user)
    pages = _crawl(client, people.programme.get_absolute_url())
    contents = [
        str(pack_content(kind, people.programme, session, session.workshop))
        for kind in PackKind.values
    ]

    assert len(pages) > 40
    traces = ["Kayla Mensah-Doyle", *KAYLAS_WORDS]
    found = [
        (where, trace)
        for where, text in [*pages.items(), *enumerate(contents)]
        for trace in traces
        if trace in text
    ]
    assert found == []
    # What she did not write is all still there.
    assert "Too many new faces" in pages[journey.journey_map.get_absolute_url()]


def test_after_she_leaves_her_shared_words_with_the_group_no_page_or_pack_names_her(
    people, django_capture_on_commit_callbacks
):
    kayla = people.young_person
    kayla.user.display_name = "Kayla Mensah-Doyle"
    kayla.user.save()
    journey, voting, session, written, toms = _everything(people)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.membership_erase(membership=kayla, keep_shared=True)

    client = Client()
    client.force_login(people.facilitator.user)
    pages = _crawl(client, people.programme.get_absolute_url())
    contents = [
        str(pack_content(kind, people.programme, session, session.workshop))
        for kind in PackKind.values
    ]

    everything = "\n".join([*pages.values(), *contents])
    assert "Kayla Mensah-Doyle" not in everything
    # Her words for the group are still there, and what was hers alone is not.
    assert "I felt listened to, for once" in everything
    assert "Hug in a Mug drop-in" in everything
    for alone in ["Just for Jo to read", "Moved to a flat", "Our wall of hopes", "The pizza"]:
        assert alone not in everything


def _crawl(client: Client, start: str, limit: int = 300) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = ""
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            body = response.content.decode()
            seen[path] = body
            for link in sorted(set(re.findall(r'href="(/programmes/[^"#]*)"', body))):
                queue.append(link.replace("&amp;", "&"))
    return seen


def test_the_only_one_who_runs_a_programme_cannot_leave_it(client, people):
    people.co_facilitator.delete()
    jo = people.facilitator
    client.force_login(jo.user)
    leave = reverse("privacy:programme-leave", args=[people.programme.pk])

    page = client.get(leave).content.decode()
    left = client.post(leave, {"shared_work": "keep"})

    assert "Someone else must run it before you can leave." in page
    assert left.status_code == 200
    assert Membership.objects.filter(pk=jo.pk).exists()
    with pytest.raises(erasure.CannotLeave):
        erasure.membership_erase(membership=jo, keep_shared=True)


def test_a_member_leaves_from_their_account_page(client, people):
    tom = people.professional
    client.force_login(tom.user)
    leave = reverse("privacy:programme-leave", args=[people.programme.pk])
    assert f'href="{leave}"' in client.get(reverse("privacy:account")).content.decode()

    unchosen = client.post(leave, {})
    assert unchosen.status_code == 400
    assert "Choose what happens to what you wrote for the group." in unchosen.content.decode()
    left = client.post(leave, {"shared_work": "remove"}, follow=True)

    assert left.redirect_chain[-1][0] == reverse("workshops:dashboard")
    assert "You have left Care Leavers Co-production." in left.content.decode()
    assert not Membership.objects.filter(pk=tom.pk).exists()
    assert client.get(people.programme.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "role, status",
    [
        ("facilitator", 200),
        ("co_facilitator", 200),
        ("young_person", 403),
        ("professional", 403),
        ("manager", 403),
        ("outsider", 404),
    ],
)
def test_only_those_who_run_the_programme_take_a_young_person_out(client, people, role, status):
    who = people.outsider if role == "outsider" else people.member(role).user
    client.force_login(who)
    url = reverse("privacy:member-remove", args=[people.programme.pk, people.young_person.pk])

    assert client.get(url).status_code == status
    posted = client.post(url, {"what": "programme", "shared_work": "keep", "reason": "Asked"})
    assert posted.status_code == (302 if status == 200 else status)
    assert Membership.objects.filter(pk=people.young_person.pk).exists() == (status != 200)


def test_a_facilitator_erases_a_young_persons_account_with_the_reason_kept(client, people):
    kayla = people.young_person
    make_photo(first_session(people.programme), kayla)
    client.force_login(people.facilitator.user)
    url = reverse("privacy:member-remove", args=[people.programme.pk, kayla.pk])

    no_reason = client.post(url, {"what": "account", "shared_work": "remove"})
    assert no_reason.status_code == 400
    assert "Say why, in a few words." in no_reason.content.decode()
    done = client.post(
        url,
        {"what": "account", "shared_work": "remove", "reason": "Asked at the drop-in"},
        follow=True,
    )

    assert "Kayla&#x27;s account has been erased." in done.content.decode()
    assert not User.objects.filter(pk=kayla.user_id).exists()
    assert not Photo.objects.exists()
    record = Erasure.objects.get()
    assert (record.kind, record.by_self, record.done_by, record.reason) == (
        ErasureKind.ACCOUNT,
        False,
        people.facilitator.user,
        "Asked at the drop-in",
    )


def test_a_young_person_in_another_programme_is_only_taken_out_of_this_one(client, people):
    kayla = people.young_person
    other = Membership.objects.get(user=people.outsider).programme
    MembershipFactory(programme=other, user=kayla.user)
    client.force_login(people.facilitator.user)
    url = reverse("privacy:member-remove", args=[people.programme.pk, kayla.pk])

    page = client.get(url).content.decode()
    refused = client.post(url, {"what": "account", "shared_work": "keep", "reason": "Asked"})
    assert refused.status_code == 400
    assert Membership.objects.filter(pk=kayla.pk).exists()
    client.post(url, {"what": "programme", "shared_work": "keep", "reason": "Asked"})

    assert "only the people who run codesign can erase their whole account" in page
    assert not Membership.objects.filter(pk=kayla.pk).exists()
    assert Membership.objects.filter(user=kayla.user, programme=other).exists()
    assert Erasure.objects.get().kind == ErasureKind.LEFT


def test_only_young_people_are_taken_out_by_a_facilitator(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("privacy:member-remove", args=[people.programme.pk, people.professional.pk])

    response = client.post(url, {"what": "programme", "shared_work": "keep", "reason": "x"})

    assert response.status_code == 302
    assert Membership.objects.filter(pk=people.professional.pk).exists()


def test_leaving_needs_the_forms_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.professional.user)

    response = client.post(
        reverse("privacy:programme-leave", args=[people.programme.pk]), {"shared_work": "keep"}
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=people.professional.pk).exists()


@pytest.mark.parametrize("url", ["privacy:account-erase", "privacy:programme-leave"])
def test_a_stranger_is_asked_to_sign_in_and_nothing_is_erased(client, people, url):
    args = [people.programme.pk] if url == "privacy:programme-leave" else []
    path = reverse(url, args=args)

    response = client.post(path, {"shared_work": "remove", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Erasure.objects.count() == 0


def test_a_kept_reflection_shows_as_someone_in_the_group_to_everyone(client, people):
    kayla = people.young_person
    kayla.user.display_name = "Kayla Mensah-Doyle"  # a name no one else here has
    kayla.user.save()
    session = first_session(people.programme)
    make_reflection(session, kayla, "The drop-in felt like home")
    erasure.membership_erase(membership=kayla, keep_shared=True)

    for member in (people.facilitator, people.professional):
        client.force_login(member.user)
        page = client.get(session.get_absolute_url()).content.decode()
        assert "The drop-in felt like home" in page
        assert "Kayla Mensah-Doyle" not in page


# name: (GET, POST with nothing chosen) answers for each role; the member taken out is the
# young person.
URLS = {
    "privacy:programme-leave": answers((200, 400), (200, 400)),
    "privacy:member-remove": answers((403, 403), (200, 400)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_every_leaving_url_answers_each_role_exactly(client, people, name, role):
    args = [people.programme.pk]
    if name == "privacy:member-remove":
        args.append(people.young_person.pk)
    url = reverse(name, args=args)
    client = client_for(client, people, role)

    answered = (client.get(url).status_code, client.post(url).status_code)

    assert answered == expected_pair(role, URLS[name])
    assert Erasure.objects.count() == 0


def test_a_copy_asked_for_once_the_account_is_erased_is_refused(people):
    kayla = people.young_person.user
    erasure.account_erase(user=kayla, keep_shared=True)

    with pytest.raises(services.ExportRefused):
        services.export_request(user=kayla, language="en")
    assert DataExport.objects.count() == 0
