"""A person's copy of their data: all of theirs, and nothing of anyone else's."""

import csv
import io
import json
import zipfile

import pytest
from axes.models import AccessAttempt, AccessLog
from django.utils import timezone, translation

from accounts.models import DirectoryEntry, Invitation, PasswordLink
from blueprints import services as blueprint_services
from blueprints.models import Evidence, Idea
from blueprints.tests.conftest import make_voting
from personas import services as persona_services
from personas.models import CardMerge, TimelineEvent, Visibility
from personas.tests.conftest import make_journey
from privacy import export
from showcases import services as showcase_services
from voice import services as voice_services
from voice.models import ReflectionReport, Shared
from workshops import services as workshop_services
from workshops.models import Method
from workshops.tests.factories import first_session, make_photo, make_reflection

pytestmark = pytest.mark.django_db


def _copy(user) -> dict[str, bytes]:
    target = io.BytesIO()
    with translation.override("en"):
        export.write_zip(user, target)
    with zipfile.ZipFile(target) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _local(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _with_a_bit_of_everything(people, kayla, tom):
    """Something of every kind by Kayla (the young person), and the same kinds by Tom (the
    professional) beside hers, each of his with words of his own."""
    journey = make_journey(people)  # a card and a shared, named timeline of Kayla's
    voting = make_voting(people)  # Kayla's idea "Perfect Plumbers"
    session = first_session(people.programme)
    written = {}

    written["kayla_reflection"] = make_reflection(
        session, kayla, "I felt listened to, for once", anonymous=True, wants_a_chat=True
    )
    written["kayla_reflection"].chat_answered_at = timezone.now()
    written["kayla_reflection"].save()
    make_reflection(session, tom, "Tom's words about the housing list", anonymous=True)
    make_reflection(
        session, people.manager, "A manager's note for facilitators", shared=Shared.FACILITATORS
    )
    ReflectionReport.objects.create(
        reflection=people.manager.reflections.get(), reporter=kayla, reason="Sounded cross"
    )
    ReflectionReport.objects.create(
        reflection=written["kayla_reflection"], reporter=tom, reason="Tom's worry"
    )

    # A card of Kayla's merged into one of Jo's is still hers until the merge is undone.
    stage = journey.journey_map.stages.order_by("order").first()
    merged_away = persona_services.card_add(
        stage=stage, kind="problem", text="Nobody rang me back", author=kayla
    )
    persona_services.card_merge(
        card=merged_away, into=journey.facilitator_card, by=people.facilitator
    )
    persona_services.card_add(stage=stage, kind="insight", text="Tom's card", author=tom)
    TimelineEvent.objects.create(
        timeline=journey.unnamed_timeline, age=24, kind="service", text="Tom's own event"
    )

    for member in (kayla, tom):
        blueprint_services.dot_place(vote=voting.vote, member=member, idea=voting.global_tastes)
    blueprint_services.dot_place(vote=voting.vote, member=kayla, idea=voting.global_tastes)
    blueprint_services.dot_place(vote=voting.vote, member=kayla, idea=voting.plumbers)

    written["kayla_photo"] = make_photo(session, kayla, caption="Our wall of hopes")
    make_photo(session, tom, caption="Tom's photo of the flip chart")

    voice_services.checkout_save(
        session=session, membership=kayla, how_it_went=5, went_well="The pizza", could_be_better=""
    )
    voice_services.checkout_save(
        session=session, membership=tom, how_it_went=2, went_well="Tom's check-out"
    )
    question = voice_services.question_ask(
        session=session,
        by=people.facilitator,
        text="One word for how today felt?",
        kind="words",
        choices="",
    )
    voice_services.answer_give(question=question, member=kayla, words="Hopeful")
    voice_services.answer_give(question=question, member=tom, words="Tired")
    choice = voice_services.question_ask(
        session=session, by=kayla, text="Pizza or curry?", kind="choice", choices="Pizza\nCurry"
    )
    voice_services.answer_give(question=choice, member=kayla, choice=1)

    workshop_services.attendance_record(session=session, present_member_ids={kayla.pk, tom.pk})

    DirectoryEntry.objects.create(user=kayla.user, name="Kayla", about="Music and cooking")
    DirectoryEntry.objects.create(user=tom.user, name="Tom", about="Tom's housing know-how")

    action = showcase_services.action_add(
        programme=people.programme,
        by=people.manager,
        what="Open a Hug in a Mug drop-in",
        organisation="Leaving Care Team",
        owner=kayla,
        theme="together",
    )
    showcase_services.action_add(
        programme=people.programme,
        by=people.manager,
        what="Tom's action on the housing list",
        organisation="Housing",
        owner=tom,
        theme="improvement",
    )
    showcase_services.action_update(
        action=action, by=kayla, status="in_progress", note="Booked a room"
    )

    Evidence.objects.create(
        prototype=voting.prototype, kind="note", text="Twelve came on day one", added_by=kayla
    )
    Evidence.objects.create(
        prototype=voting.prototype, kind="note", text="Tom's evidence", added_by=tom
    )
    voice_services.language_suggest(
        suggested_by=kayla, term=None, avoid="placement", instead="home", why="It is my home"
    )
    voice_services.language_suggest(
        suggested_by=tom, term=None, avoid="Tom's avoid", instead="Tom's say", why=""
    )
    activity = session.activities.order_by("order").first()
    activity.lead = kayla
    activity.save()
    Method.objects.create(
        title="Kayla's warm-up",
        summary="Songs we like",
        minutes=10,
        programme=people.programme,
        added_by=kayla,
    )
    Method.objects.create(
        title="Tom's warm-up", summary="Tom's", minutes=5, programme=people.programme, added_by=tom
    )
    written["invitation"] = Invitation.objects.create(
        programme=people.programme,
        name="Kayla M",
        email="kayla@example.org",
        role="young_person",
        token_hash="a" * 64,
        created_by=people.facilitator.user,
        expires_at=timezone.now(),
        accepted_at=timezone.now(),
        accepted_by=kayla.user,
    )
    written["password_link"] = PasswordLink.objects.create(
        user=kayla.user,
        programme=people.programme,
        made_by=people.facilitator.user,
        made_by_name="Jo Mensah",
        token_hash="b" * 64,
        expires_at=timezone.now(),
    )
    AccessLog.objects.create(
        username=kayla.user.username, ip_address="10.0.0.7", user_agent="Phone browser"
    )
    AccessAttempt.objects.create(
        username=tom.user.username,
        ip_address="10.0.0.9",
        user_agent="Tom's browser",
        failures_since_start=1,
    )
    return journey, voting, session, written


def test_a_copy_holds_all_of_a_persons_data_and_nothing_of_anyone_elses(people):
    kayla, tom = people.young_person, people.professional
    # Names no one else here has, so that finding one in her copy means it is someone else's.
    for member, name in [
        (tom, "Tom Baker"),
        (people.manager, "Leslie Grant"),
        (people.co_facilitator, "Sam Okafor"),
    ]:
        member.user.display_name = name
        member.user.save()
    kayla.user.email = "kayla@example.org"
    kayla.user.save()
    journey, voting, session, written = _with_a_bit_of_everything(people, kayla, tom)
    kayla.user.refresh_from_db()
    kayla.refresh_from_db()

    files = _copy(kayla.user)
    data = json.loads(files["your-data.json"])

    programme = "Care Leavers Co-production"
    session_name = str(session.workshop)
    reflection = written["kayla_reflection"]
    photo = written["kayla_photo"]
    assert data["account"] == [
        {
            "username": kayla.user.username,
            "name": "Kayla",
            "first_name": "",
            "last_name": "",
            "email": "kayla@example.org",
            "joined": _local(kayla.user.date_joined),
            "last_signed_in": None,
        }
    ]
    assert data["memberships"] == [
        {
            "programme": programme,
            "organisation": "Central Bedfordshire Council",
            "role": "Young person",
            "agency": "",
            "joined": _local(kayla.joined_at),
            "agreed_ground_rules": _local(kayla.agreed_ground_rules_at),
        }
    ]
    assert data["timelines"] == [
        {
            "programme": programme,
            "who_can_see_it": Visibility.GROUP.label,
            "name_shown": True,
            "changed": _local(journey.shared_timeline.updated_at),
        }
    ]
    assert data["timeline_events"] == [
        {
            "programme": programme,
            "age": 18,
            "kind": "Something that happened",
            "text": "Moved to a flat",
            "feeling": "",
        }
    ]
    assert data["reflections"] == [
        {
            "programme": programme,
            "session": session_name,
            "text": "I felt listened to, for once",
            "feeling": reflection.get_feeling_display(),
            "who_can_see_it": "Everyone in the group",
            "name_hidden_from_group": True,
            "wanted_someone_to_talk_to": True,
            "talked": _local(reflection.chat_answered_at),
            "hidden": None,
            "why_hidden": "",
            "written": _local(reflection.created_at),
            "changed": None,
        }
    ]
    # Her worry about someone else's reflection is hers; their words are not.
    assert [(row["what_worried_you"], row["session"]) for row in data["reports"]] == [
        ("Sounded cross", session_name)
    ]
    merge = CardMerge.objects.get()
    assert [
        (
            row["journey_map"],
            row["stage"],
            row["kind"],
            row["text"],
            row["merged_into_another_card"],
        )
        for row in data["cards"]
    ] == [
        (
            "Jade",
            journey.young_persons_card.stage.title,
            "Opportunity",
            "Hug in a Mug drop-in",
            None,
        ),
        (
            "Jade",
            merge.removed_stage.title,
            "Problem",
            "Nobody rang me back",
            _local(merge.merged_at),
        ),
    ]
    plumbers = Idea.objects.get(title="Perfect Plumbers")
    assert data["ideas"] == [
        {
            "programme": programme,
            "title": "Perfect Plumbers",
            "what": "Perfect Plumbers, a service",
            "who_for": "",
            "foundations": "",
            "taken_forward": False,
            "written": _local(plumbers.created_at),
        }
    ]
    assert data["votes"] == [
        {
            "programme": programme,
            "vote": "Which two go forward?",
            "idea": "Global Tastes",
            "dots": 2,
        },
        {
            "programme": programme,
            "vote": "Which two go forward?",
            "idea": "Perfect Plumbers",
            "dots": 1,
        },
    ]
    assert data["photos"] == [
        {
            "programme": programme,
            "session": session_name,
            "file": f"photos/{photo.pk}.jpg",
            "caption": "Our wall of hopes",
            "description": "A wall of yellow sticky notes",
            "added": _local(photo.created_at),
        }
    ]
    with photo.image.open("rb") as stored:
        assert files[f"photos/{photo.pk}.jpg"] == stored.read()
    assert [(row["how_it_went"], row["went_well"]) for row in data["checkouts"]] == [
        ("Really well", "The pizza")
    ]
    assert [(row["question"], row["answer"], row["hidden"]) for row in data["answers"]] == [
        ("One word for how today felt?", "Hopeful", False),
        ("Pizza or curry?", "Curry", False),
    ]
    assert [(row["question"], row["choices"]) for row in data["questions_asked"]] == [
        ("Pizza or curry?", "Pizza\nCurry")
    ]
    assert [(row["session"], row["there"]) for row in data["attendance"]] == [(session_name, True)]
    assert [(row["name"], row["about"]) for row in data["whos_who"]] == [
        ("Kayla", "Music and cooking")
    ]
    assert [(row["what"], row["theme"], row["status"]) for row in data["actions"]] == [
        ("Open a Hug in a Mug drop-in", "Working together", "In progress")
    ]
    assert [(row["action"], row["note"]) for row in data["action_updates"]] == [
        ("Open a Hug in a Mug drop-in", "Booked a room")
    ]
    assert [(row["prototype"], row["text"]) for row in data["evidence"]] == [
        ("A pop-up shop for a month", "Twelve came on day one")
    ]
    assert [
        (row["instead_of"], row["say"], row["why"]) for row in data["language_suggestions"]
    ] == [("placement", "home", "It is my home")]
    assert [row["activity"] for row in data["activities_led"]] == [
        session.activities.order_by("order").first().title
    ]
    assert [row["title"] for row in data["library_activities"]] == ["Kayla's warm-up"]
    assert data["invitations"] == [
        {
            "programme": programme,
            "name": "Kayla M",
            "email": "kayla@example.org",
            "role": "Young person",
            "agency": "",
            "made": _local(written["invitation"].created_at),
            "used": _local(written["invitation"].accepted_at),
        }
    ]
    assert data["new_password_links"] == [
        {"made": _local(written["password_link"].created_at), "used": None}
    ]
    assert [(row["ip_address"], row["browser"], row["worked"]) for row in data["sign_ins"]] == [
        ("10.0.0.7", "Phone browser", True)
    ]

    # Nothing of anyone else, in any file: not their words, and not their names, even where
    # they hid them (Tom's anonymous reflection sits beside Kayla's in the same session).
    others = [
        "Tom Baker",
        "Jo Mensah",
        "Leslie Grant",
        "Sam Okafor",
        "Riverside Young Voices",
        "Tom's",
        "Tired",
        "A manager's note",
        "Too many new faces",  # Jo's card, which Kayla's was merged into
        "10.0.0.9",
        "First job",
        "A private moment at sixteen",
    ]
    for name, content in files.items():
        if name.startswith("photos/"):
            continue
        text = content.decode()
        found = [other for other in others if other in text]
        assert found == [], name
    assert sorted(name for name in files if name.startswith("photos/")) == [
        f"photos/{photo.pk}.jpg"
    ]


def test_each_section_is_a_spreadsheet_with_the_same_rows(people):
    kayla = people.young_person
    _with_a_bit_of_everything(people, kayla, people.professional)

    files = _copy(kayla.user)
    data = json.loads(files["your-data.json"])

    for key in [key for key in data if key != "made"]:
        rows = list(csv.reader(io.StringIO(files[f"spreadsheets/{key}.csv"].decode())))
        assert len(rows) == len(data[key]) + 1, key
    answers = list(csv.reader(io.StringIO(files["spreadsheets/answers.csv"].decode())))
    assert answers[0] == [
        "Programme",
        "Session",
        "Question",
        "Your answer",
        "Hidden by a facilitator",
        "Answered",
    ]
    assert [row[2:5] for row in answers[1:]] == [
        ["One word for how today felt?", "Hopeful", "No"],
        ["Pizza or curry?", "Curry", "No"],
    ]


def test_the_readable_page_shows_what_a_person_wrote_as_text_never_as_markup(people):
    kayla = people.young_person
    make_reflection(
        first_session(people.programme), kayla, '<img src=x onerror="alert(1)"> & "more"'
    )

    page = _copy(kayla.user)["your-data.html"].decode()

    assert '<html lang="en">' in page
    assert "Everything codesign holds about Kayla" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;more&quot;" in page
    assert "<img" not in page
    # Nothing in it is fetched from anywhere: it reads the same with no connection.
    assert "src=" not in page.replace("&lt;img src=x", "") and "<link" not in page


def test_someone_in_no_programme_gets_their_account_and_nothing_else(people):
    files = _copy(people.outsider)
    data = json.loads(files["your-data.json"])

    assert [row["username"] for row in data["account"]] == [people.outsider.username]
    assert [row["programme"] for row in data["memberships"]] == ["Riverside Young Voices"]
    assert all(data[key] == [] for key in data if key not in ("made", "account", "memberships"))
