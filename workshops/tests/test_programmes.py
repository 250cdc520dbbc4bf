import pytest
from django.template import Context, Template
from django.urls import reverse

from workshops.models import GlossaryTerm, Membership, Programme, Role, Session

from .factories import ActivityFactory, UserFactory, dated


def test_a_new_programme_has_the_four_workshops_of_the_template(client, db):
    jo = UserFactory(display_name="Jo Mensah", can_start_programmes=True)
    client.force_login(jo)

    response = client.post(
        reverse("workshops:programme-create"),
        {
            "name": "Care Leavers Co-production Project",
            "organisation": "Central Bedfordshire Council",
            "aims": "Improve services for care leavers.",
        },
    )

    programme = Programme.objects.get()
    assert response.url == programme.get_absolute_url()
    assert [(w.number, w.kind, w.title) for w in programme.workshops.all()] == [
        (1, "intro", "An introduction to service design"),
        (2, "journey", "The experiences of leaving care"),
        (3, "designing", "Designing services for care leavers"),
        (4, "review", "A review of ideas"),
    ]
    journey = programme.workshops.get(number=2)
    assert journey.aims.startswith("Look at what happened to each of us from age 15 to 25")
    assert journey.outcomes.startswith("Timelines from 15 to 25. A persona of a care leaver.")
    membership = programme.memberships.get()
    assert (membership.user, membership.role) == (jo, Role.FACILITATOR)
    assert membership.agreed_ground_rules_at is not None
    assert programme.ground_rules.first().text == "What is said in the group stays in the group."
    assert programme.glossary.get(term="prototyping").meaning == "testing out a new idea"
    intro = programme.workshops.get(number=1).sessions.get()
    assert [a.title for a in intro.activities.all()][:4] == [
        "Icebreaker: getting to know you",
        "Ground rules",
        "Jargon buster",
        "Create your own service",
    ]
    assert sum(a.minutes for a in intro.activities.all()) == 180


def test_a_blank_programme_form_says_what_is_missing_and_saves_nothing(client, db):
    client.force_login(UserFactory(can_start_programmes=True))
    response = client.post(reverse("workshops:programme-create"), {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "organisation": ["This field is required."],
    }
    assert Programme.objects.count() == 0


def test_facilitator_edits_a_workshops_aims(client, people):
    client.force_login(people.facilitator.user)
    workshop = people.programme.workshops.get(number=3)
    url = reverse("workshops:workshop-edit", args=[people.programme.pk, workshop.pk])
    client.post(
        url,
        {"title": "Designing services", "aims": "Build on the opportunities.", "outcomes": "Two"},
    )
    workshop.refresh_from_db()
    assert (workshop.title, workshop.aims, workshop.outcomes) == (
        "Designing services",
        "Build on the opportunities.",
        "Two",
    )


def test_copying_a_programme_keeps_the_plan_and_leaves_people_and_dates(client, people):
    session = dated(people.programme.workshops.get(number=1).sessions.get(), 7)
    people.programme.glossary.create(term="Hug in a Mug", meaning="a service idea")
    client.force_login(people.co_facilitator.user)

    response = client.post(
        reverse("workshops:programme-copy", args=[people.programme.pk]),
        {"name": "Care Leavers Co-production 2027"},
    )

    copy = Programme.objects.get(name="Care Leavers Co-production 2027")
    assert response.url == copy.get_absolute_url()
    assert copy.copied_from == people.programme
    assert list(copy.memberships.values_list("user", "role")) == [
        (people.co_facilitator.user.pk, Role.FACILITATOR)
    ]
    assert copy.workshops.count() == 4
    copied_session = copy.workshops.get(number=1).sessions.get()
    assert copied_session.date is None
    assert copied_session.venue == session.venue
    assert [(a.title, a.minutes) for a in copied_session.activities.all()] == [
        (a.title, a.minutes) for a in session.activities.all()
    ]
    assert copy.glossary.filter(term="Hug in a Mug").exists()
    assert copy.ground_rules.count() == people.programme.ground_rules.count()


def test_facilitator_rewrites_the_ground_rules_one_per_line(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("workshops:ground-rules", args=[people.programme.pk])
    client.post(
        url, {"rules": "Confidentiality\n\n  Every view is valid, valued and respected  \n"}
    )
    assert list(people.programme.ground_rules.values_list("text", flat=True)) == [
        "Confidentiality",
        "Every view is valid, valued and respected",
    ]


def test_empty_ground_rules_are_refused_and_the_old_ones_kept(client, people):
    client.force_login(people.facilitator.user)
    before = list(people.programme.ground_rules.values_list("text", flat=True))
    response = client.post(
        reverse("workshops:ground-rules", args=[people.programme.pk]), {"rules": "  \n"}
    )
    assert response.context["form"].errors == {"rules": ["Write at least one ground rule."]}
    assert list(people.programme.ground_rules.values_list("text", flat=True)) == before


def test_glossary_words_are_unique_regardless_of_case(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("workshops:glossary", args=[people.programme.pk])
    response = client.post(url, {"term": "Prototyping", "meaning": "something else"})
    assert response.context["form"].errors == {"term": ["This word is already explained."]}
    client.post(url, {"term": "servicise", "meaning": "make into a service"})
    assert GlossaryTerm.objects.get(programme=people.programme, term="servicise")


def test_glossary_words_link_to_their_meaning_and_text_stays_escaped(db):
    glossary = [
        GlossaryTerm(pk=7, term="journey map", meaning="a picture of the steps"),
        GlossaryTerm(pk=8, term="journey", meaning="a <b>trip</b>"),
        GlossaryTerm(pk=9, term="(LAC)", meaning="looked-after child: say care experienced"),
    ]
    template = Template("{% load glossary %}{{ text|explain:glossary }}")
    html = template.render(
        Context(
            {
                "text": "Our Journey map <script>x</script> and journey, (LAC) and journeys",
                "glossary": glossary,
            }
        )
    )
    assert html == (
        'Our <a class="glossary-word" href="#word-7" title="a picture of the steps">'
        "Journey map</a> &lt;script&gt;x&lt;/script&gt; and "
        '<a class="glossary-word" href="#word-8" title="a &lt;b&gt;trip&lt;/b&gt;">'
        "journey</a>, "
        '<a class="glossary-word" href="#word-9" title="looked-after child: say care experienced">'
        "(LAC)</a> and journeys"
    )


def test_session_and_programme_pages_explain_jargon_where_it_appears(client, people):
    session = people.programme.workshops.get(number=1).sessions.get()
    term = people.programme.glossary.get(term="prototyping")
    client.force_login(people.young_person.user)
    for url in [session.get_absolute_url(), people.programme.get_absolute_url()]:
        page = client.get(url).content.decode()
        link = f'<a class="glossary-word" href="#word-{term.pk}" title="testing out a new idea">'
        assert link in page
        assert f'id="word-{term.pk}"><dt>prototyping</dt><dd>testing out a new idea</dd>' in page


def test_member_text_is_escaped_on_the_session_page(client, people):
    session = people.programme.workshops.get(number=1).sessions.get()
    ActivityFactory(session=session, title="<img src=x onerror=alert(1)>", instructions="<b>hi")
    client.force_login(people.young_person.user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;hi" in page


def test_dashboard_lists_my_programmes_and_sessions_coming_up(client, people):
    upcoming = dated(people.programme.workshops.get(number=2).sessions.get(), 3)
    dated(people.programme.workshops.get(number=1).sessions.get(), -4)
    client.force_login(people.young_person.user)
    response = client.get(reverse("workshops:dashboard"))
    assert [m.programme for m in response.context["memberships"]] == [people.programme]
    assert list(response.context["upcoming"]) == [upcoming]
    assert "The experiences of leaving care" in response.content.decode()


def test_dashboard_shows_nothing_of_other_programmes(client, people):
    client.force_login(people.outsider)
    response = client.get(reverse("workshops:dashboard"))
    assert people.programme.name not in response.content.decode()
    assert [m.programme.name for m in response.context["memberships"]] == ["Riverside Young Voices"]


@pytest.mark.parametrize("role", ["young_person", "professional", "manager"])
def test_members_read_but_see_no_planning_controls(client, people, role):
    session = people.programme.workshops.get(number=1).sessions.get()
    client.force_login(people.member(role).user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Icebreaker: getting to know you" in page
    assert "Move up" not in page
    assert "Run this session" not in page


def test_members_page_shows_agency_and_hides_invitations_from_readers(client, people):
    client.force_login(people.young_person.user)
    response = client.get(reverse("workshops:members", args=[people.programme.pk]))
    page = response.content.decode()
    assert "Housing" in page
    assert "Invitations not yet used" not in page
    assert Membership.objects.filter(programme=people.programme).count() == len(
        response.context["members"]
    )


def test_session_times_must_run_forwards(client, people):
    session = people.programme.workshops.get(number=1).sessions.get()
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:session-edit", args=[people.programme.pk, session.pk]),
        {"date": "2026-12-07", "starts_at": "13:00", "ends_at": "10:00", "venue": "Hub"},
    )
    assert response.context["form"].errors == {"ends_at": ["The session must end after it starts."]}
    session.refresh_from_db()
    assert session.date is None


def test_facilitator_plans_date_time_and_venue(client, people):
    session = people.programme.workshops.get(number=2).sessions.get()
    client.force_login(people.facilitator.user)
    client.post(
        reverse("workshops:session-edit", args=[people.programme.pk, session.pk]),
        {
            "date": "2026-12-07",
            "starts_at": "09:30",
            "ends_at": "12:30",
            "venue": "Care Leavers Hub, Houghton Regis",
        },
    )
    session = Session.objects.get(pk=session.pk)
    assert (str(session.date), str(session.starts_at), str(session.ends_at), session.venue) == (
        "2026-12-07",
        "09:30:00",
        "12:30:00",
        "Care Leavers Hub, Houghton Regis",
    )


def test_people_taking_part_do_not_see_the_facilitators_shopping_list(client, people):
    session = people.programme.workshops.get(number=1).sessions.get()
    client.force_login(people.young_person.user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Name badges, pens" not in page
    assert "Go round the group." in page
    client.force_login(people.facilitator.user)
    assert "Name badges, pens" in client.get(session.get_absolute_url()).content.decode()


def test_a_copy_keeps_the_facilitators_agency(client, people):
    people.co_facilitator.agency = "Leaving Care Team"
    people.co_facilitator.save()
    client.force_login(people.co_facilitator.user)
    client.post(
        reverse("workshops:programme-copy", args=[people.programme.pk]), {"name": "Next cohort"}
    )
    assert Programme.objects.get(name="Next cohort").memberships.get().agency == (
        "Leaving Care Team"
    )


def test_a_one_letter_glossary_word_is_refused(client, people):
    client.force_login(people.facilitator.user)
    response = client.post(
        reverse("workshops:glossary", args=[people.programme.pk]), {"term": "a", "meaning": "x"}
    )
    assert response.context["form"].errors == {"term": ["Write a word of at least two letters."]}


def test_everyone_agrees_again_when_the_ground_rules_change(client, people):
    client.force_login(people.facilitator.user)
    url = reverse("workshops:ground-rules", args=[people.programme.pk])
    rules = list(people.programme.ground_rules.values_list("text", flat=True))
    client.post(url, {"rules": "\n".join(rules)})  # saved unchanged: nobody is asked again
    client.force_login(people.young_person.user)
    assert client.get(people.programme.get_absolute_url()).status_code == 200

    client.force_login(people.facilitator.user)
    client.post(url, {"rules": "\n".join([*rules, "Be kind online too."])})
    assert client.get(people.programme.get_absolute_url()).status_code == 200

    client.force_login(people.young_person.user)
    response = client.get(people.programme.get_absolute_url())
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Our ground rules have changed. Please read them again" in page
    assert "Be kind online too." in page
    client.post(response.url)
    assert client.get(people.programme.get_absolute_url()).status_code == 200
