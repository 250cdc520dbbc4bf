"""Reflections, moderation, check-out answers and the live session page."""

import re

import pytest
from django.urls import reverse

from conftest import wait_for
from voice import selectors as voice_selectors
from voice import services as voice_services
from voice.models import CheckOut, HowItWent, Reflection, ReflectionReport, Shared
from workshops import services
from workshops.tests.factories import first_session, make_photo, make_reflection


def _url(name, people, session, *more):
    return reverse(f"voice:{name}", args=[people.programme.pk, session.pk, *more])


@pytest.fixture
def session(people):
    return first_session(people.programme)


def test_a_young_person_adds_an_anonymous_reflection(
    client, people, session, django_capture_on_commit_callbacks
):
    client.force_login(people.young_person.user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            _url("reflection-add", people, session),
            {
                "text": "Some of us felt happy, excited and proud.",
                "feeling": "proud",
                "shared": "group",
                "anonymous": "on",
            },
        )

    assert response.status_code == 302
    assert response.url == f"{session.get_absolute_url()}#said-reflections"
    reflection = Reflection.objects.get()
    assert (reflection.author, reflection.text, reflection.feeling) == (
        people.young_person,
        "Some of us felt happy, excited and proud.",
        "proud",
    )
    assert (reflection.shared, reflection.anonymous, reflection.wants_a_chat) == (
        "group",
        True,
        False,
    )
    assert callbacks == []  # nobody asked for a chat, so no e-mail
    session.refresh_from_db()
    assert session.voice_version == 1


def test_who_sees_a_new_reflection_is_left_for_its_writer_to_choose(client, people, session):
    client.force_login(people.young_person.user)

    page = client.get(session.get_absolute_url()).content.decode()
    unchosen = client.post(
        _url("reflection-add", people, session), {"text": "I felt listened to.", "feeling": "calm"}
    )

    assert re.search(r'name="shared" value="group"[^>]*id="id_shared_0"', page)
    assert not re.search(r'name="shared"[^>]*checked', page)
    assert unchosen.status_code == 200
    html = unchosen.content.decode()
    assert "Choose who can see it." in html
    assert "I felt listened to." in html  # what was written is kept
    assert Reflection.objects.count() == 0


def _hides_name_box(page: str) -> bool:
    box = re.search(r'<input[^>]*name="anonymous"[^>]*>', page).group(0)
    return " checked" in box


def test_a_first_reflection_hides_the_name_and_the_next_starts_as_the_last_one_chose(
    client, people, session
):
    client.force_login(people.young_person.user)
    add = _url("reflection-add", people, session)

    assert _hides_name_box(client.get(session.get_absolute_url()).content.decode())
    assert _hides_name_box(client.get(add).content.decode())

    client.post(add, {"text": "Proud of what we made.", "shared": "group"})
    assert Reflection.objects.get().anonymous is False
    assert not _hides_name_box(client.get(session.get_absolute_url()).content.decode())

    client.post(add, {"text": "Tired today.", "shared": "group", "anonymous": "on"})
    assert _hides_name_box(client.get(session.get_absolute_url()).content.decode())


def test_changing_a_reflection_keeps_who_it_was_shared_with(client, people, session):
    reflection = make_reflection(session, people.young_person, "Mine.", shared="facilitators")
    client.force_login(people.young_person.user)

    page = client.get(_url("reflection-edit", people, session, reflection.pk)).content.decode()

    assert re.search(r'value="facilitators"\s+id="id_shared_1" required checked', page)


def test_a_reflection_without_words_is_refused_and_keeps_the_choices(client, people, session):
    client.force_login(people.young_person.user)
    response = client.post(
        _url("reflection-add", people, session),
        {"text": "   ", "feeling": "anxious", "shared": "facilitators", "wants_a_chat": "on"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Write what you thought first." in html
    assert 'value="anxious" class="btn-check" id="id_feeling_6" checked' in html
    assert re.search(r'value="facilitators"\s+id="id_shared_1" required checked', html)
    assert Reflection.objects.count() == 0


def test_asking_for_a_chat_tells_the_facilitators_once(
    client, people, session, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from codesign.celery import app

    app.conf.task_always_eager = True
    people.facilitator.user.email = "jo@example.org"
    people.facilitator.user.save()
    people.co_facilitator.user.email = "priya@example.org"
    people.co_facilitator.user.save()
    people.manager.user.email = "mark@example.org"
    people.manager.user.save()
    client.force_login(people.young_person.user)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                _url("reflection-add", people, session),
                {
                    "text": "It brought back memories of moving placement.",
                    "shared": "facilitators",
                    "wants_a_chat": "on",
                },
            )
        reflection = Reflection.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            voice_services.reflection_edit(reflection=reflection, text="Still thinking about it.")
    finally:
        app.conf.task_always_eager = False

    [message] = mailoutbox
    assert sorted(message.to) == ["jo@example.org", "priya@example.org"]
    assert message.subject == "Someone would like to talk: Care Leavers Co-production"
    assert "Kayla" not in message.body
    assert "placement" not in message.body
    assert reverse("voice:attention", args=[people.programme.pk]) in message.body
    reflection.refresh_from_db()
    assert reflection.chat_emailed_at is not None


def test_the_facilitators_dashboard_shows_what_waits(client, people, session):
    asked = make_reflection(
        session, people.young_person, "Can we talk?", shared=Shared.FACILITATORS
    )
    voice_services.reflection_edit(reflection=asked, wants_a_chat=True)
    unkind = make_reflection(session, people.professional, "Something unkind")
    voice_services.reflection_report(reflection=unkind, reporter=people.young_person, reason="Mean")
    voice_services.reflection_report(reflection=unkind, reporter=people.manager, reason="")

    client.force_login(people.facilitator.user)
    html = client.get(reverse("workshops:dashboard")).content.decode()
    assert "1 person would like someone to talk to" in html
    assert "1 reflection reported" in html

    client.force_login(people.young_person.user)
    html = client.get(reverse("workshops:dashboard")).content.decode()
    assert "would like someone to talk to" not in html
    assert "reported" not in html

    voice_services.chat_answered(reflection=asked, by=people.facilitator)
    voice_services.reports_dismiss(reflection=unkind)
    client.force_login(people.facilitator.user)
    html = client.get(reverse("workshops:dashboard")).content.decode()
    assert "talk to" not in html
    assert "reported" not in html


def test_authors_change_and_remove_their_own_only(client, people, session):
    reflection = make_reflection(session, people.young_person, "First thoughts")
    client.force_login(people.young_person.user)

    response = client.post(
        _url("reflection-edit", people, session, reflection.pk),
        {"text": "Second thoughts", "feeling": "calm", "shared": "group"},
    )

    assert response.status_code == 302
    reflection.refresh_from_db()
    assert (reflection.text, reflection.feeling) == ("Second thoughts", "calm")
    assert reflection.edited_at is not None
    client.force_login(people.professional.user)
    assert client.post(_url("reflection-delete", people, session, reflection.pk)).status_code == 404
    client.force_login(people.young_person.user)
    assert client.post(_url("reflection-delete", people, session, reflection.pk)).status_code == 302
    assert not Reflection.objects.exists()


def test_a_hidden_reflection_is_seen_only_by_its_writer_and_the_facilitators(
    client, people, session
):
    reflection = make_reflection(session, people.professional, "Everyone here is useless")
    client.force_login(people.young_person.user)
    client.post(
        _url("reflection-report", people, session, reflection.pk), {"reason": "It's unkind"}
    )
    report = ReflectionReport.objects.get()
    assert (report.reporter, report.reason, report.resolved_at) == (
        people.young_person,
        "It's unkind",
        None,
    )

    client.force_login(people.facilitator.user)
    response = client.post(
        _url("reflection-hide", people, session, reflection.pk),
        {"hidden_reason": "It could hurt people. Let's talk about it."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_at is not None
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Hidden from the group. Why: It could hurt people. Let&#x27;s talk about it." in html

    client.force_login(people.professional.user)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Everyone here is useless" in html
    assert "A facilitator hid this from the group." in html
    assert "It could hurt people." in html

    for member in (people.young_person, people.manager):
        client.force_login(member.user)
        html = client.get(session.get_absolute_url()).content.decode()
        assert "Everyone here is useless" not in html
        poll = client.get(_url("session-voice", people, session)).content.decode()
        assert "Everyone here is useless" not in poll
        assert (
            client.get(_url("reflection-report", people, session, reflection.pk)).status_code == 404
        )

    client.force_login(people.facilitator.user)
    client.post(_url("reflection-restore", people, session, reflection.pk))
    client.force_login(people.young_person.user)
    assert "Everyone here is useless" in client.get(session.get_absolute_url()).content.decode()


def test_hiding_needs_a_reason(client, people, session):
    reflection = make_reflection(session, people.professional, "Hmm")
    client.force_login(people.facilitator.user)
    response = client.post(
        _url("reflection-hide", people, session, reflection.pk), {"hidden_reason": ""}
    )
    assert "Say why, so the writer understands." in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.hidden_at is None


def test_the_waiting_page_lists_chats_and_reports_with_names_for_facilitators(
    client, people, session
):
    asked = make_reflection(
        session, people.young_person, "Can we talk?", shared=Shared.FACILITATORS, anonymous=True
    )
    voice_services.reflection_edit(reflection=asked, wants_a_chat=True)
    reported = make_reflection(session, people.professional, "Something unkind")
    voice_services.reflection_report(reflection=reported, reporter=people.manager, reason="Rude")
    client.force_login(people.facilitator.user)

    html = client.get(reverse("voice:attention", args=[people.programme.pk])).content.decode()

    assert "Kayla" in html and "Can we talk?" in html
    assert "Something unkind" in html and "Rude" in html
    waiting = reverse("voice:attention", args=[people.programme.pk])
    response = client.post(_url("reflection-talked", people, session, asked.pk), {"next": waiting})
    assert response.url == waiting
    response = client.post(
        _url("reflection-keep", people, session, reported.pk), {"next": "https://evil.example/"}
    )
    assert response.url == f"{session.get_absolute_url()}#reflections"
    html = client.get(waiting).content.decode()
    assert "Nobody is waiting for a chat." in html
    assert "Nothing has been reported." in html


def test_check_out_answers_are_saved_once_each_and_summed_without_names(client, people, session):
    answers = [
        (people.young_person, "5", "The interactive group exercises", ""),
        (people.professional, "4", "Meeting people from other agencies", "Information hand-outs"),
        (people.manager, "4", "", "More breaks"),
    ]
    for member, how, went_well, could_be_better in answers:
        client.force_login(member.user)
        response = client.post(
            _url("checkout", people, session),
            {"how_it_went": how, "went_well": went_well, "could_be_better": could_be_better},
        )
        assert response.status_code == 302
    client.force_login(people.manager.user)
    client.post(
        _url("checkout", people, session), {"how_it_went": "2", "could_be_better": "More breaks"}
    )

    assert CheckOut.objects.count() == 3
    assert CheckOut.objects.get(membership=people.manager).how_it_went == HowItWent.NOT_SO_WELL
    summary = voice_selectors.checkout_summary(CheckOut.objects.all())
    assert [(a.label, a.count, a.percent) for a in summary.answers] == [
        ("Really well", 1, 33),
        ("Well", 1, 33),
        ("OK", 0, 0),
        ("Not so well", 1, 33),
        ("Badly", 0, 0),
    ]
    assert summary.total == 3
    assert summary.average == pytest.approx(11 / 3)
    assert sorted(summary.could_be_better) == ["Information hand-outs", "More breaks"]

    client.force_login(people.facilitator.user)
    url = reverse("voice:feedback", args=[people.programme.pk])
    html = client.get(f"{url}?session={session.pk}").content.decode()
    assert "3 people answered" in html
    assert (
        '<th scope="row">Really well</th><td class="text-end">1</td><td class="text-end">33%</td>'
        in html
    )
    assert "Information hand-outs" in html
    assert "Kayla" not in html
    # The chart's words are the page's text; each bar is the answer's share.
    assert '<p class="bar-chart__label">Really well: 1</p>' in html
    assert '<rect class="bar-chart__bar" width="33" height="10">' in html
    html = client.get(url).content.decode()
    assert html.count("3 people answered") == 2  # all sessions, and the first
    assert html.count("Nobody has answered yet.") == 3


def test_with_fewer_than_three_answers_only_the_counts_are_shown(client, people, session):
    for member, how, went_well in [
        (people.young_person, "5", "Hug in a Mug was the best bit"),
        (people.professional, "3", ""),
    ]:
        CheckOut.objects.create(
            session=session, membership=member, how_it_went=how, went_well=went_well
        )
    client.force_login(people.facilitator.user)
    url = reverse("voice:feedback", args=[people.programme.pk])

    two = client.get(f"{url}?session={session.pk}").content.decode()
    CheckOut.objects.create(session=session, membership=people.manager, how_it_went="4")
    three = client.get(f"{url}?session={session.pk}").content.decode()

    summary = voice_selectors.checkout_summary(CheckOut.objects.exclude(membership=people.manager))
    assert (summary.total, summary.went_well, summary.words_held_back) == (2, [], True)
    assert "2 people answered" in two
    assert "Hug in a Mug was the best bit" not in two
    assert (
        "Only 2 people answered, so what they wrote is not shown: it would be easy to tell "
        "who wrote it."
    ) in two
    assert "Hug in a Mug was the best bit" in three
    assert "so what they wrote is not shown" not in three
    # Counts alone, with nothing written, need no word about it.
    quiet = voice_selectors.checkout_summary(CheckOut.objects.filter(membership=people.manager))
    assert (quiet.total, quiet.words_held_back) == (1, False)


def test_a_check_out_without_an_answer_is_refused(client, people, session):
    client.force_login(people.young_person.user)
    response = client.post(_url("checkout", people, session), {"went_well": "Lunch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose how today went." in html
    assert re.search(r'id="id_went_well">\s*Lunch</textarea>', html)
    assert not CheckOut.objects.exists()


def test_the_poll_answers_nothing_new_without_rendering(client, people, session):
    make_reflection(session, people.young_person, "First")
    session.refresh_from_db()
    client.force_login(people.professional.user)
    url = _url("session-voice", people, session)

    response = client.get(f"{url}?version={session.voice_version}")

    assert response.status_code == 204
    assert response.content == b""
    assert response.templates == []

    make_photo(session, people.young_person, caption="The wall")
    response = client.get(f"{url}?version={session.voice_version}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"?version={session.voice_version + 1}" in html
    # Only the new photo comes, to the top of the photos; the reflection shown stays.
    assert html.count('data-hx-swap-oob="true"') == 1
    assert '<ul data-hx-swap-oob="afterbegin:#photo-grid > ul">' in html
    assert "The wall" in html and "First" not in html


@pytest.mark.django_db(transaction=True)
def test_the_ask_for_a_chat_goes_through_a_real_worker(client, people, celery_worker):
    people.facilitator.user.email = "jo@example.org"
    people.facilitator.user.save()
    session = first_session(people.programme)
    client.force_login(people.young_person.user)

    client.post(
        _url("reflection-add", people, session),
        {"text": "I'd like to talk.", "shared": "facilitators", "wants_a_chat": "on"},
    )

    reflection = Reflection.objects.get()
    wait_for(lambda: Reflection.objects.get(pk=reflection.pk).chat_emailed_at is not None)
    [message] = celery_worker.sent_mail()
    assert "To: jo@example.org" in message
    assert "Subject: Someone would like to talk: Care Leavers Co-production" in message
    assert f"https://codesign.example.org/programmes/{people.programme.pk}/waiting/" in message
    assert "Kayla" not in message


def test_a_poll_never_takes_people_away_from_what_they_are_typing(client, people, session):
    """When the ground rules change or the sign-in runs out, the page's poll answers
    "nothing new"; the next page the person opens sends them on."""
    client.force_login(people.young_person.user)
    url = _url("session-voice", people, session)
    services.ground_rules_replace(membership=people.facilitator, texts=["Be kind."])

    response = client.get(f"{url}?version=0", headers={"HX-Request": "true"})
    assert response.status_code == 204

    check = reverse("workshops:language-check", args=[people.programme.pk])
    response = client.post(
        check,
        {"text": "placement"},
        headers={
            "HX-Request": "true",
            "HX-Current-URL": f"http://testserver{session.get_absolute_url()}",
        },
    )
    agree = reverse("workshops:ground-rules-agree", args=[people.programme.pk])
    assert (
        response["HX-Redirect"]
        == f"{agree}?next=%2Fprogrammes%2F{people.programme.pk}%2Fsessions%2F{session.pk}%2F"
    )

    client.logout()
    response = client.get(f"{url}?version=0", headers={"HX-Request": "true"})
    assert response.status_code == 204


def test_reports_and_chats_answered_refresh_open_pages(people, session):
    reflection = make_reflection(session, people.professional, "Hmm")
    versions = []
    for change in (
        lambda: voice_services.reflection_report(
            reflection=reflection, reporter=people.manager, reason=""
        ),
        lambda: voice_services.reports_dismiss(reflection=reflection),
        lambda: voice_services.chat_answered(reflection=reflection, by=people.facilitator),
    ):
        change()
        session.refresh_from_db()
        versions.append(session.voice_version)
    assert versions == [2, 3, 4]


def test_photo_files_go_when_their_session_goes(
    people, session, settings, django_capture_on_commit_callbacks
):
    make_photo(session, people.young_person)
    assert len([p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]) == 2

    with django_capture_on_commit_callbacks(execute=True):
        session.delete()

    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_the_session_shows_the_newest_twenty_and_the_rest_are_a_page_away(client, people, session):
    private = make_reflection(session, people.professional, "Just for Jo.", shared="facilitators")
    for number in range(24):
        make_reflection(session, people.facilitator, f"Reflection number {number}.")
    client.force_login(people.young_person.user)

    page = client.get(session.get_absolute_url()).content.decode()

    shown = re.findall(r"Reflection number (\d+)\.", page)
    assert shown == [str(number) for number in range(23, 3, -1)]
    all_of_them = reverse("voice:session-reflections", args=[people.programme.pk, session.pk])
    assert f'<a href="{all_of_them}">See all the reflections</a>' in page

    listed = client.get(all_of_them).content.decode()
    assert re.findall(r"Reflection number (\d+)\.", listed) == [
        str(number) for number in range(23, -1, -1)
    ]
    assert "24 reflections on An introduction to service design that you can see" in listed
    assert private.text not in listed
    client.force_login(people.facilitator.user)
    assert private.text in client.get(all_of_them).content.decode()
