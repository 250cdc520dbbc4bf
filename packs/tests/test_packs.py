"""Printed packs: what goes in them, who may have them, and how they are made and kept."""

import io
import re
from dataclasses import dataclass

import pytest
import redis
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from pypdf import PdfReader

from blueprints import services as vote_services
from blueprints.models import Idea
from packs import content as contents
from packs import render
from packs import services as pack_services
from packs.models import Pack, PackKind, PackStatus, pack_path
from packs.tasks import render_pack
from packs.templatetags.print_css import css_string
from packs.tests.factories import ready_pack
from personas.models import Card, Stage, Timeline, Visibility
from showcases.models import Quote
from voice import services as voice_services
from voice.models import CheckOut, Reflection
from workshops import services
from workshops.middleware import programme_content_changed
from workshops.models import Membership, Programme, Session
from workshops.tests.factories import first_session, make_photo, make_reflection

ANONYMOUS_TEXT = "I was worried about being judged at first. The ground rules helped."
FACILITATORS_ONLY_TEXT = "The timelines brought back some hard memories of my own."
SHARED_TEXT = "Prototyping my own idea made me proud."


@dataclass
class Demo:
    programme: Programme
    facilitator: Membership
    manager: Membership
    young_person: Membership
    professional: Membership
    dan: Membership  # wrote a reflection anonymously

    @property
    def first_session(self):
        return first_session(self.programme)


def seed_demo(settings) -> Demo:
    call_command("seed_demo", stdout=io.StringIO())
    programme = Programme.objects.get(name="Care Leavers Co-production Project")
    member = {m.user.username: m for m in programme.memberships.select_related("user")}
    return Demo(
        programme=programme,
        facilitator=member["facilitator"],
        manager=member["manager"],
        young_person=member["youngperson"],
        professional=member["professional"],
        dan=member["dan"],
    )


@pytest.fixture
def demo(db, settings) -> Demo:
    return seed_demo(settings)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Lines joined up again, so a sentence that wraps still reads as one.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def make_now(pack_kind: str, demo: Demo, session=None, workshop=None) -> Pack:
    """Ask for a pack and make it here, as the worker would."""
    pack = pack_services.pack_request(
        membership=demo.facilitator, kind=pack_kind, session=session, workshop=workshop
    )
    return render.pack_render(pack_id=pack.pk)


# --- What goes in ---


def test_the_programme_pack_holds_what_the_group_shared_and_nothing_kept_back(demo):
    hidden = make_reflection(demo.first_session, demo.young_person, "Something I regret saying")
    voice_services.reflection_hide(reflection=hidden, by=demo.facilitator, reason="Names a carer")
    services.attendance_record(
        session=demo.first_session,
        present_member_ids={demo.young_person.pk, demo.professional.pk, demo.dan.pk},
    )

    content = contents.programme_pack_content(demo.programme)

    first = content["chapters"][0]["sessions"][0]
    shared = {reflection["text"]: reflection["name"] for reflection in first["reflections"]}
    assert shared[ANONYMOUS_TEXT] == ""
    assert shared[SHARED_TEXT + " I didn't know I could design a service."] == "Reece"
    assert not any(FACILITATORS_ONLY_TEXT in text for text in shared)
    assert "Something I regret saying" not in shared
    assert first["attendance"] == {
        "total": 3,
        "by_role": [{"role": "Young person", "count": 2}, {"role": "Professional", "count": 1}],
    }
    assert first["checkout"]["total"] == 6
    assert [photo["caption"] for photo in first["photos"]] == [
        "Our wall of sticky notes from the prototyping game"
    ]
    journey = next(c for c in content["chapters"] if c["kind"] == "journey")
    assert [persona["name"] for persona in journey["personas"]] == ["Jade"]
    [journey_map] = journey["journey_maps"]
    insights = journey_map["rows"][0]
    assert insights["kind"] == "insight"
    assert insights["cells"][0] == ["Pathway plans are written about you, not with you"]
    designing = next(c for c in content["chapters"] if c["kind"] == "designing")
    warm_up = next(
        v for v in designing["votes"] if v["title"] == "Which two services do we take forward?"
    )
    chosen = [result["idea"] for result in warm_up["results"] if result["chosen"]]
    assert chosen == ["Unique", "Global Tastes"]


def test_a_workshop_record_is_the_programme_pack_s_chapter_for_that_workshop(demo):
    whole = contents.programme_pack_content(demo.programme)

    for number, workshop in enumerate(demo.programme.workshops.all()):
        record = contents.workshop_pack_content(workshop)

        assert record["chapters"] == [whole["chapters"][number]]
        assert record["workshop"] == {"number": workshop.number, "title": workshop.title}
        assert (record["pledges"], record["showcases"], record["actions"]) == ([], [], [])
        assert record["members"] == whole["members"]


def test_a_workshop_record_prints_its_own_workshop_and_no_other(demo):
    intro, journey = demo.programme.workshops.all()[:2]

    intro_text = pdf_text(make_now(PackKind.WORKSHOP, demo, workshop=intro).file.read())
    journey_text = pdf_text(make_now(PackKind.WORKSHOP, demo, workshop=journey).file.read())

    assert "Workshop record" in intro_text and "Workshop 1 record" in intro_text
    assert SHARED_TEXT in intro_text
    assert "Jade" not in intro_text
    assert "Pathway plans are written about you, not with you" in journey_text
    assert SHARED_TEXT not in journey_text
    assert FACILITATORS_ONLY_TEXT not in intro_text + journey_text
    assert f"Workshop 2: {journey.title}" in journey_text
    assert "What young people can expect from us" not in journey_text  # the pledges


def test_the_pack_keeps_back_what_one_or_two_people_wrote_at_check_out(demo):
    second = Session.objects.filter(workshop__programme=demo.programme).exclude(
        pk=demo.first_session.pk
    )[0]
    second.checkouts.all().delete()
    CheckOut.objects.create(
        session=second, membership=demo.dan, how_it_went=5, went_well="Dan's own words"
    )

    content = contents.programme_pack_content(demo.programme)

    sessions = {s["id"]: s for c in content["chapters"] for s in c["sessions"]}
    assert sessions[second.pk]["checkout"]["total"] == 1
    assert sessions[second.pk]["checkout"]["went_well"] == []
    assert sessions[second.pk]["checkout"]["words_held_back"] is True
    assert sessions[demo.first_session.pk]["checkout"]["words_held_back"] is False
    text = pdf_text(make_now(PackKind.PROGRAMME, demo).file.read())
    assert "Dan's own words" not in text
    assert "Only 1 person answered, so what they wrote is not shown" in text


def test_the_programme_pack_names_nobody_who_wrote_anonymously(demo):
    content = contents.programme_pack_content(demo.programme)

    names = {
        reflection["name"]
        for chapter in content["chapters"]
        for session in chapter["sessions"]
        for reflection in session["reflections"]
    }
    assert demo.dan.user.name not in names
    assert demo.dan.user.name not in repr(content)


def test_only_timelines_shared_with_the_group_go_in_and_names_only_where_shown(demo):
    content = contents.programme_pack_content(demo.programme)

    journey = next(c for c in content["chapters"] if c["kind"] == "journey")
    shared = Timeline.objects.filter(programme=demo.programme, visibility=Visibility.GROUP)
    assert len(journey["timelines"]) == shared.count()
    shown = {t.member.user.name for t in shared if t.show_name}
    assert {t["name"] for t in journey["timelines"] if t["name"]} == shown
    for timeline in Timeline.objects.filter(programme=demo.programme).exclude(
        visibility=Visibility.GROUP
    ):
        for event in timeline.events.all():
            assert event.text not in repr(journey["timelines"])


def test_an_open_vote_goes_in_without_its_count(demo):
    ideas = list(Idea.objects.filter(programme=demo.programme)[:2])
    vote_services.vote_open(
        programme=demo.programme,
        title="Which name for the drop-in?",
        ideas=ideas,
        dots_per_member=3,
        hide_results=True,
        take_forward=1,
    )

    content = contents.programme_pack_content(demo.programme)

    designing = next(c for c in content["chapters"] if c["kind"] == "designing")
    vote = next(v for v in designing["votes"] if v["title"] == "Which name for the drop-in?")
    assert vote == {"title": "Which name for the drop-in?", "closed": False, "results": []}


def test_the_handout_leaves_out_the_facilitators_notes_and_lists_the_worksheets(demo):
    session = demo.first_session
    activity = session.activities.get(title="Blueprinting")
    activity.instructions = "Watch that Dan gets a turn"
    activity.save()

    handout = contents.handout_content(session)
    session_pack = contents.session_pack_content(session)

    assert "Watch that Dan gets a turn" not in repr(handout)
    assert handout["worksheets"] == ["service", "blueprint"]
    blueprinting = next(i for i in session_pack["agenda"]["items"] if i["title"] == "Blueprinting")
    assert blueprinting["instructions"] == "Watch that Dan gets a turn"
    assert blueprinting["lead"] == "Gemma Lowe"
    assert [item["starts"] for item in handout["agenda"]["items"][:3]] == [
        "10:00",
        "10:15",
        "10:25",
    ]


# --- The hash ---


def test_the_hash_changes_with_what_is_printed_and_only_with_that(demo):
    def programme_hash():
        return contents.content_hash(
            PackKind.PROGRAMME, contents.programme_pack_content(demo.programme)
        )

    before = programme_hash()
    assert programme_hash() == before
    # Kept for the facilitators: not printed, so the pack stays the same.
    make_reflection(demo.first_session, demo.young_person, "Just for Jo", shared="facilitators")
    assert programme_hash() == before
    reflection = Reflection.objects.get(text__startswith=SHARED_TEXT)
    voice_services.reflection_hide(reflection=reflection, by=demo.facilitator, reason="")
    hidden = programme_hash()
    assert hidden != before
    Card.objects.filter(stage__journey_map__programme=demo.programme).first().delete()
    assert programme_hash() != hidden


def test_a_handout_and_its_large_print_differ(demo):
    content = contents.handout_content(demo.first_session)

    assert contents.content_hash(PackKind.HANDOUT, content) != contents.content_hash(
        PackKind.HANDOUT_LARGE, content
    )


# --- Asking and making ---


def test_asking_twice_for_an_unchanged_pack_makes_it_once(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first_ask:
        first = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    with django_capture_on_commit_callbacks() as second_ask:
        second = pack_services.pack_request(membership=demo.facilitator, kind=PackKind.PROGRAMME)

    assert second.pk == first.pk
    assert first.requested_by == demo.manager
    assert (len(first_ask), len(second_ask)) == (1, 0)
    assert Pack.objects.count() == 1


def test_the_database_holds_one_pack_per_content(demo):
    Pack.objects.create(programme=demo.programme, kind=PackKind.PROGRAMME, content_hash="a" * 64)
    Pack.objects.create(
        programme=demo.programme,
        session=demo.first_session,
        kind=PackKind.HANDOUT,
        content_hash="a" * 64,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Pack.objects.create(
            programme=demo.programme, kind=PackKind.PROGRAMME, content_hash="a" * 64
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pack.objects.create(
            programme=demo.programme,
            session=demo.first_session,
            kind=PackKind.HANDOUT,
            content_hash="a" * 64,
        )


def test_making_a_pack_saves_one_pdf_and_making_it_again_changes_nothing(demo, settings):
    pack = make_now(PackKind.PROGRAMME, demo)

    assert pack.status == PackStatus.READY
    assert pack.progress == 100
    assert pack.attempts == 1
    data = pack.file.read()
    assert data.startswith(b"%PDF-")
    assert pack.pages == len(PdfReader(io.BytesIO(data)).pages)
    assert pack.size == len(data)
    files = list((settings.MEDIA_ROOT / "packs" / str(demo.programme.pk)).iterdir())
    assert [f.name for f in files] == [f"{pack.pk}-{pack.content_hash[:16]}.pdf"]

    again = render.pack_render(pack_id=pack.pk)

    assert again.attempts == 1
    assert again.finished_at == pack.finished_at
    assert list((settings.MEDIA_ROOT / "packs" / str(demo.programme.pk)).iterdir()) == files


def test_a_render_that_died_halfway_is_written_over_not_beside(demo, settings):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    # What a worker killed while writing leaves: the row still "being made", half a file.
    folder = settings.MEDIA_ROOT / "packs" / str(demo.programme.pk)
    folder.mkdir(parents=True)
    half = folder / f"{pack.pk}-{pack.content_hash[:16]}.pdf"
    half.write_bytes(b"%PDF-1.7 half a fi")
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.RENDERING, attempts=1, progress=60)

    pack = render.pack_render(pack_id=pack.pk)

    assert pack.status == PackStatus.READY
    assert pack.attempts == 2
    assert [f.name for f in folder.iterdir()] == [half.name]
    assert len(PdfReader(half).pages) == pack.pages


def _changed_through_the_site(programme):
    """What workshops.middleware does after any change made through the site."""
    programme_content_changed(Programme.objects.filter(pk=programme.pk))


def test_a_new_pack_replaces_the_old_one_and_its_file(
    demo, settings, django_capture_on_commit_callbacks
):
    old = make_now(PackKind.PROGRAMME, demo)
    old_file = settings.MEDIA_ROOT / old.file.name
    stage = Stage.objects.filter(journey_map__programme=demo.programme).first()

    with django_capture_on_commit_callbacks(execute=True):
        Card.objects.create(stage=stage, kind="opportunity", text="Hug in a Mug every Friday")
        _changed_through_the_site(demo.programme)
        new = make_now(PackKind.PROGRAMME, demo)

    assert new.pk != old.pk
    assert list(Pack.objects.values_list("pk", flat=True)) == [new.pk]
    assert not old_file.exists()
    assert "Hug in a Mug every Friday" in pdf_text(new.file.read())


def test_a_pack_whose_row_has_gone_is_not_made(demo, settings):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    Pack.objects.filter(pk=pack.pk).delete()

    assert render.pack_render(pack_id=pack.pk) is None
    assert not (settings.MEDIA_ROOT / "packs").exists()


def test_deleting_a_programme_deletes_its_pack_files(
    demo, settings, django_capture_on_commit_callbacks
):
    pack = make_now(PackKind.PROGRAMME, demo)
    path = settings.MEDIA_ROOT / pack.file.name
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        demo.programme.delete()

    assert not path.exists()


def test_a_failed_render_says_so_and_can_be_tried_again(demo, monkeypatch):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)

    def broken(*args, **kwargs):
        raise RuntimeError("layout fell over")

    monkeypatch.setattr(render, "render_pdf", broken)
    render_pack.apply(kwargs={"pack_id": pack.pk})

    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
    assert pack.error == "Something went wrong while making it."
    assert pack.attempts == 1

    pack_services.pack_retry(pack=pack)

    pack.refresh_from_db()
    assert (pack.status, pack.progress, pack.error) == (PackStatus.QUEUED, 0, "")


def test_a_pack_stuck_with_a_lost_worker_is_sent_again(
    demo, redis_url, client, django_capture_on_commit_callbacks
):
    queue = redis.Redis.from_url(redis_url)
    queue.delete("celery")
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    long_ago = timezone.now() - render.STALE_AFTER - timezone.timedelta(seconds=1)
    Pack.objects.filter(pk=pack.pk).update(
        status=PackStatus.RENDERING, progress=40, updated_at=long_ago
    )
    client.force_login(demo.manager.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("packs:pack-progress", args=[demo.programme.pk, pack.pk]))

    pack.refresh_from_db()
    assert response.status_code == 200
    assert (pack.status, pack.progress) == (PackStatus.QUEUED, 0)
    assert queue.llen("celery") == 1


def test_a_pack_still_being_made_is_not_sent_twice(demo, redis_url):
    queue = redis.Redis.from_url(redis_url)
    queue.delete("celery")
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.RENDERING, progress=40)

    pack_services.pack_retry(pack=pack)
    pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)

    pack.refresh_from_db()
    assert (pack.status, pack.progress) == (PackStatus.RENDERING, 40)
    assert queue.llen("celery") == 0


def test_a_pack_whose_content_changed_before_it_was_made_is_not_made(client, demo):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    # Restored while it waited: what would be printed is no longer what was hashed.
    reflection = Reflection.objects.get(text__startswith=SHARED_TEXT)
    Reflection.objects.filter(pk=reflection.pk).update(text="Changed while it waited")
    _changed_through_the_site(demo.programme)

    assert render.pack_render(pack_id=pack.pk) is None

    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
    assert pack.error == "Something in it changed while it was waiting. Ask for the latest."
    assert not pack.file
    client.force_login(demo.manager.user)
    retried = client.post(reverse("packs:pack-retry", args=[demo.programme.pk, pack.pk]))
    latest = Pack.objects.exclude(pk=pack.pk).get()
    assert retried["Location"] == latest.get_absolute_url()
    assert latest.content_hash != pack.content_hash


def test_a_pack_that_kept_losing_its_worker_is_given_up(demo):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    Pack.objects.filter(pk=pack.pk).update(
        status=PackStatus.RENDERING, attempts=render.MAX_ATTEMPTS
    )

    render.pack_render(pack_id=pack.pk)

    pack.refresh_from_db()
    assert (pack.status, pack.error) == (PackStatus.FAILED, "It is too big to make in one go.")
    assert pack.attempts == render.MAX_ATTEMPTS
    pack_services.pack_retry(pack=pack)
    pack.refresh_from_db()
    assert (pack.status, pack.attempts) == (PackStatus.QUEUED, 0)


def test_a_ready_pack_whose_file_went_missing_is_made_again(demo, settings):
    pack = make_now(PackKind.PROGRAMME, demo)
    (settings.MEDIA_ROOT / pack.file.name).unlink()

    again = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)

    assert again.pk == pack.pk
    assert again.status == PackStatus.QUEUED
    assert render.pack_render(pack_id=pack.pk).status == PackStatus.READY
    assert (settings.MEDIA_ROOT / pack.file.name).exists()


def test_hiding_a_reflection_clears_the_programme_pack_at_once(
    demo, settings, django_capture_on_commit_callbacks
):
    programme_pack = make_now(PackKind.PROGRAMME, demo)
    handout = make_now(PackKind.HANDOUT, demo, demo.first_session)
    intro, journey = demo.programme.workshops.all()[:2]
    intro_record = make_now(PackKind.WORKSHOP, demo, workshop=intro)
    journey_record = make_now(PackKind.WORKSHOP, demo, workshop=journey)
    paths = [settings.MEDIA_ROOT / pack.file.name for pack in (programme_pack, intro_record)]
    reflection = Reflection.objects.get(text__startswith=SHARED_TEXT)
    assert reflection.session.workshop == intro

    with django_capture_on_commit_callbacks(execute=True):
        voice_services.reflection_hide(reflection=reflection, by=demo.facilitator, reason="")

    kept = set(Pack.objects.values_list("pk", flat=True))
    assert kept == {handout.pk, journey_record.pk}
    assert [path.exists() for path in paths] == [False, False]


def test_a_file_left_by_a_worker_that_died_goes_with_its_row(
    demo, settings, django_capture_on_commit_callbacks
):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    # Written, but the worker died before the row said so.
    left = settings.MEDIA_ROOT / pack_path(pack, "")
    left.parent.mkdir(parents=True)
    left.write_bytes(b"%PDF-1.7 all of it")

    with django_capture_on_commit_callbacks(execute=True):
        pack.delete()

    assert not left.exists()


def test_someone_watching_a_pack_that_has_gone_is_told_and_polling_stops(client, demo):
    pack = pack_services.pack_request(membership=demo.manager, kind=PackKind.PROGRAMME)
    url = reverse("packs:pack-progress", args=[demo.programme.pk, pack.pk])
    Pack.objects.filter(pk=pack.pk).delete()
    client.force_login(demo.manager.user)

    response = client.get(url)

    assert response.status_code == 286
    assert "This pack is no longer here" in response.content.decode()


def test_the_fetcher_follows_a_site_under_a_path(demo, settings):
    settings.CODESIGN_SITE_URL = settings.SITE_URL = "https://council.example.org/codesign"
    fetcher = render.PackFetcher(demo.programme.pk)

    css = fetcher.fetch("https://council.example.org/static/css/pdf.css")

    assert css.read() == (settings.BASE_DIR / "static" / "css" / "pdf.css").read_bytes()
    pack = Pack(programme=demo.programme, kind=PackKind.HANDOUT, session=demo.first_session)
    rendered = render.render_pdf(pack, contents.handout_content(demo.first_session))
    assert len(rendered.requested_urls) == 5  # the stylesheet and four fonts
    assert all(
        url.startswith("https://council.example.org/static/") for url in rendered.requested_urls
    )


# --- The PDF ---


def _fonts(reader: PdfReader) -> set[str]:
    """The fonts a PDF's pages use, without the subset's prefix (ABCDEF+)."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").partition("+")[2])
    return names


def test_a_pack_is_set_in_our_own_font_in_every_worker_render(demo):
    session = demo.first_session
    pack = Pack(programme=demo.programme, kind=PackKind.HANDOUT, session=session)
    content = contents.handout_content(session)

    # The second render in the same process uses the fonts unpacked by the first.
    for _render in range(2):
        reader = PdfReader(io.BytesIO(render.render_pdf(pack, content).pdf))
        fonts = _fonts(reader)
        assert {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"} <= fonts, fonts


def test_every_pack_is_a_tagged_pdf_with_a_title_language_and_bookmarks(demo):
    session = demo.first_session
    for kind, scope, workshop in [
        (PackKind.PROGRAMME, None, None),
        (PackKind.WORKSHOP, None, session.workshop),
        (PackKind.SESSION, session, None),
        (PackKind.HANDOUT, session, None),
        (PackKind.HANDOUT_LARGE, session, None),
    ]:
        pack = make_now(kind, demo, scope, workshop)
        reader = PdfReader(pack.file.path)
        root = reader.trailer["/Root"]

        assert reader.metadata.title == contents.title_for_pack(pack), kind
        assert root["/Lang"] == "en-GB", kind
        assert root["/MarkInfo"]["/Marked"].value is True, kind
        assert "/StructTreeRoot" in root, kind
        assert reader.pdf_header == "%PDF-1.7", kind
        assert len(reader.outline) >= 2, kind
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1), kind
        text = pdf_text(pack.file.read())
        assert f"Page 1 of {pack.pages}" in text, kind
        assert demo.programme.name in text, kind


def _structure(reader: PdfReader) -> list:
    """Every structure element of the PDF, in reading order."""
    elements, waiting = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while waiting:
        element = waiting.pop(0)
        if "/S" in element:
            elements.append(element)
        kids = element.get("/K")
        kids = kids.get_object() if kids is not None else []
        kids = kids if isinstance(kids, list) else [kids]
        waiting[:0] = [kid.get_object() for kid in kids if hasattr(kid.get_object(), "get")]
    return elements


def test_a_name_that_looks_like_css_or_html_prints_as_itself_in_the_page_header(demo):
    name = '"; } @page { @top-left { content: "taken"; } } </style><p>Hug & Mug \\ ok'
    Programme.objects.filter(pk=demo.programme.pk).update(name=name)
    assert css_string(name).count('"') == 2 and "<" not in css_string(name)
    assert css_string(mark_safe("Hug &amp; Mug")) == css_string("Hug & Mug")

    pack = make_now(PackKind.HANDOUT, demo, demo.first_session)

    # Compared without spaces, which the PDF's text extraction drops here and there.
    page_two = "".join(PdfReader(pack.file.path).pages[1].extract_text().split())
    assert "".join(name.split()) in page_two


def test_every_pack_s_structure_reads_as_pdf_ua_asks(demo):
    session = demo.first_session
    for kind, scope, workshop in [
        (PackKind.PROGRAMME, None, None),
        (PackKind.WORKSHOP, None, demo.programme.workshops.get(number=2)),
        (PackKind.SESSION, session, None),
        (PackKind.HANDOUT, session, None),
    ]:
        reader = PdfReader(make_now(kind, demo, scope, workshop).file.path)
        elements = _structure(reader)
        tags = [str(element["/S"]) for element in elements]

        # The pack itself comes first (its cover, or the <header> of its title), not the
        # paragraph that held the words of its page header and footer.
        first = elements[1]  # after /Document
        assert str(first["/S"]) in {"/Sect", "/NonStruct"}, (kind, first["/S"])
        figures = [e for e in elements if e["/S"] == "/Figure"]
        assert all(str(e.get("/Alt", "")).strip() for e in figures), kind
        headers = [e for e in elements if e["/S"] == "/TH"]
        assert headers, kind
        assert {str(e["/A"]["/Scope"]) for e in headers} <= {"/Row", "/Column"}, kind
        assert "/TH" in tags and "/Table" in tags, kind
        if kind == PackKind.WORKSHOP:
            # The journey map's rows are headed by their kind of card, its columns by stages.
            assert {str(e["/A"]["/Scope"]) for e in headers} == {"/Row", "/Column"}


def test_every_marked_content_of_a_pack_is_in_its_structure_or_an_artifact(demo):
    pack = make_now(PackKind.WORKSHOP, demo, workshop=demo.programme.workshops.get(number=2))
    reader = PdfReader(pack.file.path)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    reached, waiting = set(), list(tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]])
    while waiting:
        reference = waiting.pop()
        reached.add(reference.idnum)
        kids = reference.get_object().get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        waiting += [kid for kid in kids if hasattr(kid, "idnum")]
    nums = tree["/ParentTree"]["/Nums"]
    parents = dict(zip(nums[::2], nums[1::2], strict=True))

    artifacts = 0
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        mcids = [int(mcid) for mcid in re.findall(r"/MCID (\d+)", content)]
        elements = parents[page["/StructParents"]]
        assert mcids and all(elements[mcid].idnum in reached for mcid in mcids)
        artifacts += content.count("/Artifact\nBMC")
    # The header and footer of each page (but the cover's header) are among them.
    assert artifacts >= 4 * len(reader.pages)


def test_the_programme_pack_prints_the_group_s_work(demo):
    pack = make_now(PackKind.PROGRAMME, demo)

    text = pdf_text(pack.file.read())

    assert "Jade" in text
    assert "Pathway plans are written about you, not with you" in text
    assert "Which two services do we take forward?" in text
    assert "Global Tastes" in text
    assert SHARED_TEXT in text
    assert FACILITATORS_ONLY_TEXT not in text
    assert demo.dan.user.name not in text
    assert "Contents" in text


def test_the_handout_has_the_worksheets_and_no_facilitator_notes(demo):
    session = demo.first_session
    session.activities.filter(title="Blueprinting").update(
        instructions="Watch that Dan gets a turn"
    )

    handout = pdf_text(make_now(PackKind.HANDOUT, demo, session).file.read())
    session_pack = pdf_text(make_now(PackKind.SESSION, demo, session).file.read())

    assert "Watch that Dan gets a turn" not in handout
    assert "Watch that Dan gets a turn" in session_pack
    assert "What the young person does" in handout  # a lane of the blueprint worksheet
    for rule in demo.programme.ground_rules.all():
        assert rule.text in handout
        assert rule.text in session_pack


def test_a_photo_goes_in_the_programme_pack(demo):
    make_photo(demo.first_session, demo.young_person, caption="Hug in a Mug stall")

    pack = make_now(PackKind.PROGRAMME, demo)
    reader = PdfReader(pack.file.path)

    images = [image for page in reader.pages for image in page.images]
    assert len(images) >= 2  # the demo's wall of sticky notes, and this one
    assert "Hug in a Mug stall" in pdf_text(pack.file.read())


# --- Who may have which pack ---

PACK_ACCESS = {
    # kind: the roles that may have it
    PackKind.PROGRAMME: {"facilitator", "co_facilitator", "manager"},
    PackKind.WORKSHOP: {"facilitator", "co_facilitator", "manager"},
    PackKind.SESSION: {"facilitator", "co_facilitator"},
    PackKind.HANDOUT: {"facilitator", "co_facilitator", "manager", "young_person", "professional"},
    PackKind.HANDOUT_LARGE: {
        "facilitator",
        "co_facilitator",
        "manager",
        "young_person",
        "professional",
    },
}
ROLES = ["facilitator", "co_facilitator", "manager", "young_person", "professional"]


def _made(people, kind) -> Pack:
    if kind == PackKind.WORKSHOP:
        return ready_pack(people.facilitator, kind, workshop=people.programme.workshops.first())
    session = None if kind == PackKind.PROGRAMME else first_session(people.programme)
    return ready_pack(people.facilitator, kind, session)


@pytest.mark.parametrize("kind", PackKind.values)
@pytest.mark.parametrize("role", ROLES)
def test_a_pack_goes_only_to_people_who_may_see_all_of_it(client, people, role, kind):
    pack = _made(people, kind)
    client.force_login(people.member(role).user)
    args = [people.programme.pk, pack.pk]
    data = {"kind": kind, "session": pack.session_id or "", "workshop": pack.workshop_id or ""}

    download = client.get(reverse("packs:pack-download", args=args))
    detail = client.get(reverse("packs:pack-detail", args=args))
    asked = client.post(reverse("packs:pack-request", args=[people.programme.pk]), data)

    if role in PACK_ACCESS[kind]:
        assert (download.status_code, detail.status_code, asked.status_code) == (200, 200, 200)
        assert b"".join(download.streaming_content) == pack.file.read()
    else:
        assert (download.status_code, detail.status_code, asked.status_code) == (403, 403, 403)


@pytest.mark.parametrize("kind", PackKind.values)
def test_nobody_outside_the_programme_learns_a_pack_exists(client, people, kind):
    pack = _made(people, kind)
    client.force_login(people.outsider)
    other = people.outsider.memberships.get().programme

    responses = [
        client.get(reverse(name, args=[people.programme.pk, pack.pk]))
        for name in ["packs:pack-download", "packs:pack-detail", "packs:pack-progress"]
    ] + [
        # Through their own programme, with this programme's pack id.
        client.get(reverse("packs:pack-download", args=[other.pk, pack.pk])),
        client.post(reverse("packs:pack-retry", args=[other.pk, pack.pk])),
        client.post(reverse("packs:pack-request", args=[people.programme.pk]), {"kind": kind}),
    ]

    assert [response.status_code for response in responses] == [404] * 6


def test_a_session_pack_is_asked_for_only_for_this_programme_s_sessions(client, people):
    other_session = first_session(people.outsider.memberships.get().programme)
    client.force_login(people.facilitator.user)

    response = client.post(
        reverse("packs:pack-request", args=[people.programme.pk]),
        {"kind": PackKind.HANDOUT, "session": other_session.pk},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("packs:pack-list", args=[people.programme.pk])
    assert Pack.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["That pack does not exist. Choose one from the list."]


def test_a_workshop_record_is_asked_for_only_for_this_programme_s_workshops(client, people):
    other_workshop = people.outsider.memberships.get().programme.workshops.first()
    client.force_login(people.manager.user)

    response = client.post(
        reverse("packs:pack-request", args=[people.programme.pk]),
        {"kind": PackKind.WORKSHOP, "workshop": other_workshop.pk},
    )

    assert response["Location"] == reverse("packs:pack-list", args=[people.programme.pk])
    assert Pack.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["That pack does not exist. Choose one from the list."]


def test_a_pack_request_needs_csrf(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.manager.user)

    response = client.post(
        reverse("packs:pack-request", args=[people.programme.pk]),
        {"kind": PackKind.PROGRAMME},
    )

    assert response.status_code == 403
    assert Pack.objects.count() == 0


def test_the_download_names_the_file_and_keeps_it_out_of_caches(client, people):
    pack = _made(people, PackKind.HANDOUT_LARGE)
    client.force_login(people.young_person.user)

    response = client.get(reverse("packs:pack-download", args=[people.programme.pk, pack.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="care-leavers-co-production-workshop-1-an-introduction-to-'
        'service-design-handout-in-large-print.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_progress_page_shows_how_far_a_pack_has_got(client, people):
    pack = pack_services.pack_request(membership=people.manager, kind=PackKind.PROGRAMME)
    Pack.objects.filter(pk=pack.pk).update(
        status=PackStatus.RENDERING, progress=45, step="Laying out page 4"
    )
    client.force_login(people.manager.user)
    url = reverse("packs:pack-progress", args=[people.programme.pk, pack.pk])

    waiting = client.get(url)

    html = waiting.content.decode()
    assert waiting.status_code == 200
    assert 'value="45"' in html and "Laying out page 4" in html
    assert "pack-announce" not in html

    render.pack_render(pack_id=pack.pk)
    ready = client.get(url)

    html = ready.content.decode()
    assert ready.status_code == 286  # htmx stops polling
    assert reverse("packs:pack-download", args=[people.programme.pk, pack.pk]) in html
    assert "Your pack is ready to download." in html


def test_a_failed_pack_shows_why_and_offers_to_try_again(client, people):
    pack = pack_services.pack_request(membership=people.manager, kind=PackKind.PROGRAMME)
    render.pack_failed(pack_id=pack.pk, error="It took too long to make.")
    client.force_login(people.manager.user)

    page = client.get(reverse("packs:pack-detail", args=[people.programme.pk, pack.pk]))

    html = page.content.decode()
    assert "We couldn't make this pack." in html
    assert "It took too long to make." in html
    assert reverse("packs:pack-retry", args=[people.programme.pk, pack.pk]) in html

    retried = client.post(reverse("packs:pack-retry", args=[people.programme.pk, pack.pk]))

    pack.refresh_from_db()
    assert retried["Location"] == pack.get_absolute_url()
    assert (pack.status, pack.error) == (PackStatus.QUEUED, "")


def test_the_packs_page_lists_what_each_person_may_get(client, people):
    _made(people, PackKind.PROGRAMME)
    sessions = people.programme.workshops.count()

    pages = {}
    for role in ["facilitator", "manager", "young_person"]:
        client.force_login(people.member(role).user)
        pages[role] = client.get(
            reverse("packs:pack-list", args=[people.programme.pk])
        ).content.decode()

    assert pages["facilitator"].count("Get the session pack") == sessions
    assert pages["facilitator"].count("Get the programme pack") == 1
    assert pages["facilitator"].count("Get the workshop record") == sessions
    assert "Last made" in pages["facilitator"]
    assert pages["manager"].count("Get the session pack") == 0
    assert pages["manager"].count("Get the programme pack") == 1
    assert pages["manager"].count("Get the workshop record") == sessions
    assert pages["young_person"].count("Get the programme pack") == 0
    assert pages["young_person"].count("Get the workshop record") == 0
    assert pages["young_person"].count("Get the handout") == sessions
    assert pages["young_person"].count("Get the large print handout") == sessions


# --- Queries ---

SIZES = [pytest.param(3, id="small"), pytest.param(300, id="large")]


def _grow(demo: Demo, size: int) -> None:
    """More of everything the demo programme already has: reflections and photos in every
    session, cards on the journey map, ideas, timeline events and what a showcase heard."""
    stage = Stage.objects.filter(journey_map__programme=demo.programme).first()
    Card.objects.bulk_create(
        Card(stage=stage, kind="insight", text=f"Card {n}") for n in range(size)
    )
    Idea.objects.bulk_create(
        Idea(programme=demo.programme, title=f"Idea {n}", what="A drop-in") for n in range(size)
    )
    Quote.objects.bulk_create(
        Quote(showcase=demo.programme.showcases.get(), text=f"Quote {n}", role="Head of Service")
        for n in range(size)
    )
    for session in Session.objects.filter(workshop__programme=demo.programme):
        Reflection.objects.bulk_create(
            Reflection(session=session, author=demo.young_person, text=f"Reflection {n}")
            for n in range(size)
        )
        for n in range(min(size, 5)):
            make_photo(session, demo.professional, caption=f"Photo {n}")


@pytest.mark.parametrize("size", SIZES)
def test_pack_pages_hold_a_fixed_number_of_queries(
    client, demo, size, django_assert_max_num_queries
):
    _grow(demo, size)
    pack = ready_pack(demo.facilitator, PackKind.PROGRAMME)
    programme = demo.programme.pk
    client.force_login(demo.facilitator.user)

    # The session, the user, the membership, the packs, the workshops and the sessions.
    with django_assert_max_num_queries(6):
        client.get(reverse("packs:pack-list", args=[programme]))
    with django_assert_max_num_queries(4):
        client.get(reverse("packs:pack-detail", args=[programme, pack.pk]))
    with django_assert_max_num_queries(5):
        client.get(reverse("packs:pack-progress", args=[programme, pack.pk]))
    ask = reverse("packs:pack-request", args=[programme])
    # The first ask gathers and hashes the content, and finds the pack made of it (the
    # quick questions and their answers are two of these).
    with django_assert_max_num_queries(44):
        client.post(ask, {"kind": PackKind.PROGRAMME})
    # Asking again, with nothing changed, reads the programme's content version and the
    # pack: the session, the user, the membership, those two.
    with django_assert_max_num_queries(5):
        asked = client.post(ask, {"kind": PackKind.PROGRAMME})
    with django_assert_max_num_queries(6):
        downloaded = client.get(reverse("packs:pack-download", args=[programme, pack.pk]))
    assert (asked.status_code, downloaded.status_code) == (200, 200)


def test_the_page_estimate_is_close_to_the_pages_weasyprint_lays_out(demo):
    for kind in (PackKind.PROGRAMME, PackKind.HANDOUT):
        session = None if kind == PackKind.PROGRAMME else first_session(demo.programme)
        content, digest = contents.current_content(kind, demo.programme, session)
        pack = Pack(programme=demo.programme, session=session, kind=kind, content_hash=digest)
        laid_out = render.render_pdf(pack, content).pages
        estimate = contents.estimated_pages(content)
        assert laid_out / 2 <= estimate <= laid_out * 2, (kind, estimate, laid_out)
