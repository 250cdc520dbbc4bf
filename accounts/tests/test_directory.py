"""Who's who: the people of this site's programmes who chose to be listed, and only what each
of them chose to show."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import DirectoryEntry, User
from demo.directory import seed_directory
from demo.management.commands.seed_demo import PEOPLE
from workshops.models import Membership, Role
from workshops.tests.factories import MembershipFactory, UserFactory

DIRECTORY = reverse("accounts:directory")
ENTRY = reverse("accounts:directory-entry")
REMOVE = reverse("accounts:directory-remove")
FIELDS = ("name", "organisation", "what_i_do", "about", "contact")


def _entry(membership_or_user, **fields) -> DirectoryEntry:
    user = getattr(membership_or_user, "user", membership_or_user)
    return DirectoryEntry.objects.create(user=user, **fields)


def _cards(html: str) -> list[str]:
    """The text of each person's card on the list page, in page order."""
    cards = re.findall(r'<li class="directory-card[^"]*">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", card).split()) for card in cards]


def _listed_names(response) -> list[str]:
    return [entry.name for entry in response.context["entries"]]


# --- Who may use the pages ----------------------------------------------------------------

MEMBER_ROLES = ("young_person", "professional", "manager", "co_facilitator", "facilitator")

# url: (GET, POST) answers for someone who may use Who's who. An empty POST to the entry
# form shows the form again with its errors; removing sends the person back to the list.
ANSWERS = {
    DIRECTORY: (200, 405),
    ENTRY: (200, 200),
    REMOVE: (405, 302),
}


def _expected(url: str, who: str) -> tuple[int, int]:
    get, post = ANSWERS[url]
    if who == "anonymous":
        return tuple(405 if answer == 405 else 302 for answer in (get, post))
    if who == "in_no_programme":
        return tuple(405 if answer == 405 else 404 for answer in (get, post))
    return get, post


@pytest.mark.parametrize("url", list(ANSWERS))
@pytest.mark.parametrize(
    "who", ("anonymous", "in_no_programme", "staff", "outsider", *MEMBER_ROLES)
)
def test_it_answers_each_kind_of_person(client, people, url, who):
    if who == "in_no_programme":
        client.force_login(UserFactory())
    elif who == "staff":
        client.force_login(UserFactory(is_staff=True))
    elif who == "outsider":
        # In another programme of the same site: the directory is the whole site's.
        client.force_login(people.outsider)
    elif who != "anonymous":
        client.force_login(people.member(who).user)

    answers = (client.get(url).status_code, client.post(url).status_code)

    assert answers == _expected(url, who)


@pytest.mark.parametrize("url", [DIRECTORY, ENTRY])
def test_it_sends_people_who_are_not_signed_in_to_sign_in(client, url):
    response = client.get(url)
    assert response.url == f"{reverse('login')}?next={url}"


def test_someone_who_left_every_programme_can_still_take_their_entry_down(client, db):
    left = UserFactory()
    _entry(left, name="Left the programme")
    client.force_login(left)

    assert client.get(DIRECTORY).status_code == 404
    assert client.get(ENTRY).status_code == 200
    assert client.post(REMOVE)["Location"] == reverse("workshops:dashboard")
    assert not DirectoryEntry.objects.filter(user=left).exists()
    assert client.get(ENTRY).status_code == 404


# --- Nobody is listed unless they opt in -----------------------------------------------------


@pytest.fixture
def quiet(people) -> Membership:
    """A professional who has not added themselves to Who's who."""
    return MembershipFactory(
        programme=people.programme,
        role=Role.PROFESSIONAL,
        agency="Youth Justice Service",
        user__username="quietprof",
        user__display_name="Priya Quietly",
    )


def test_a_member_who_has_not_opted_in_appears_on_no_page(client, people, quiet):
    _entry(people.facilitator, name="Jo Mensah", organisation="Housing", what_i_do="Lead")
    _entry(people.young_person, name="Kayla", about="Ask me about Hug in a Mug")
    client.force_login(people.young_person.user)

    pages = {
        "list": client.get(DIRECTORY),
        "search for the name": client.get(DIRECTORY, {"q": "Priya"}),
        # Part of the username: the search box shows back what was typed.
        "search for the username": client.get(DIRECTORY, {"q": "quietpro"}),
        "search for the agency": client.get(DIRECTORY, {"q": "Youth Justice"}),
        "the agency as an organisation": client.get(
            DIRECTORY, {"organisation": "Youth Justice Service"}
        ),
        "another organisation": client.get(DIRECTORY, {"organisation": "Housing"}),
        "another person's entry page": client.get(ENTRY),
    }

    for page, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, page
        for hidden in ("Priya Quietly", "quietprof", "Youth Justice Service"):
            assert hidden not in html, (page, hidden)
        # Nor do programme names show: nobody sees a programme they are not in.
        for programme in ("Care Leavers Co-production", "Riverside Young Voices"):
            assert programme not in html, (page, programme)
    assert _listed_names(pages["list"]) == ["Jo Mensah", "Kayla"]
    assert _listed_names(pages["search for the name"]) == []
    assert _listed_names(pages["the agency as an organisation"]) == []
    assert _listed_names(pages["another organisation"]) == ["Jo Mensah"]
    assert pages["list"].context["organisations"] == [{"organisation": "Housing", "people": 1}]


def test_someone_who_is_in_no_programme_is_not_listed(client, people):
    gone = UserFactory(display_name="Ex Member")
    _entry(gone, name="Ex Member", organisation="Gone Away Trust")
    _entry(people.manager, name="Mark Ellis", organisation="Corporate Parenting")
    client.force_login(people.manager.user)

    response = client.get(DIRECTORY)

    assert _listed_names(response) == ["Mark Ellis"]
    assert response.context["organisations"] == [
        {"organisation": "Corporate Parenting", "people": 1}
    ]
    html = response.content.decode()
    assert "Ex Member" not in html and "Gone Away Trust" not in html


# --- A young person's entry shows only what they chose --------------------------------------


def test_a_young_person_starts_with_a_blank_form_and_plain_words(client, people):
    people.young_person.agency = "Care Leavers Crew"
    people.young_person.save()
    client.force_login(people.young_person.user)

    response = client.get(ENTRY)

    html = response.content.decode()
    assert response.context["form"].initial == dict.fromkeys(FIELDS, "")
    for field in ("name", "organisation", "what_i_do", "contact"):
        tag = re.search(rf'<input [^>]*name="{field}"[^>]*>', html).group(0)
        assert "value=" not in tag, tag
    assert re.search(r'<textarea [^>]*name="about"[^>]*>\s*</textarea>', html)
    assert "Only what you write here is shown. Nothing else about you." in html
    assert "Everyone who uses this site can see it" in html
    assert "You can change it or take it down at any time." in html
    assert "Think before you share a phone number" in html
    assert "We have started it with your name" not in html


def test_a_young_persons_entry_shows_only_what_they_chose(client, people):
    people.young_person.agency = "Care Leavers Crew"
    people.young_person.save()
    kayla = people.young_person.user
    people.professional.user.display_name = "Tom Hughes"
    people.professional.user.save()
    client.force_login(kayla)

    response = client.post(ENTRY, {"name": "K", "about": "Ask me about Hug in a Mug"})

    assert response.url == DIRECTORY
    entry = DirectoryEntry.objects.get(user=kayla)
    assert (entry.name, entry.organisation, entry.what_i_do, entry.about, entry.contact) == (
        "K",
        "",
        "",
        "Ask me about Hug in a Mug",
        "",
    )
    client.force_login(people.professional.user)
    html = client.get(DIRECTORY).content.decode()
    assert _cards(html) == ["K Ask me about Hug in a Mug"]
    for hidden in ("Young person", "Care Leavers Crew", kayla.username, "Kayla"):
        assert hidden not in html, hidden


def test_someone_who_is_not_only_a_young_person_starts_with_their_name_and_agency(client, people):
    people.professional.user.display_name = "Tom Hughes"
    people.professional.user.save()
    client.force_login(people.professional.user)

    response = client.get(ENTRY)

    html = response.content.decode()
    assert response.context["form"].initial == dict.fromkeys(FIELDS, "") | {
        "name": "Tom Hughes",
        "organisation": "Housing",
    }
    assert 'value="Tom Hughes"' in html and 'value="Housing"' in html
    assert "We have started it with your name and organisation." in html
    assert "Think before you share a phone number" not in html


def test_a_young_person_who_also_works_somewhere_is_prefilled(client, people):
    """Only people who are young people everywhere get the blank form."""
    MembershipFactory(
        programme=people.outsider.memberships.get().programme,
        user=people.young_person.user,
        role=Role.PROFESSIONAL,
        agency="Voluntary sector",
    )
    client.force_login(people.young_person.user)

    response = client.get(ENTRY)

    assert response.context["form"].initial == dict.fromkeys(FIELDS, "") | {
        "name": "Kayla",
        "organisation": "Voluntary sector",
    }


# --- Adding, changing and removing ---------------------------------------------------------


def test_a_professional_adds_themselves_and_is_listed(client, people):
    client.force_login(people.professional.user)

    response = client.post(
        ENTRY,
        {
            "name": "Tom Hughes",
            "organisation": "Housing",
            "what_i_do": "Housing options officer",
            "about": "Your first tenancy",
            "contact": "tom@example.org",
        },
        follow=True,
    )

    assert response.redirect_chain == [(DIRECTORY, 302)]
    html = response.content.decode()
    assert "Your entry is saved. Everyone on this site can see it in Who&#x27;s who." in html
    assert _cards(html) == [
        "Tom Hughes you Housing options officer Your first tenancy How to reach me: tom@example.org"
    ]
    assert '<a href="mailto:tom@example.org">tom@example.org</a>' in html
    assert "You are listed as <strong>Tom Hughes</strong>." in html


def test_changing_an_entry_keeps_one_entry_with_the_new_words(client, people):
    entry = _entry(people.manager, name="Mark", organisation="Corporate Parenting")
    client.force_login(people.manager.user)

    page = client.get(ENTRY)
    assert page.context["form"].initial["name"] == "Mark"
    assert "Change your entry" in page.content.decode()
    client.post(ENTRY, {"name": "Mark Ellis", "organisation": "", "what_i_do": "Head of service"})

    entry.refresh_from_db()
    assert DirectoryEntry.objects.count() == 1
    assert (entry.name, entry.organisation, entry.what_i_do, entry.about) == (
        "Mark Ellis",
        "",
        "Head of service",
        "",
    )


def test_removing_takes_the_entry_down(client, people):
    _entry(people.young_person, name="Kayla", about="Ask me about Hug in a Mug")
    client.force_login(people.young_person.user)

    response = client.post(REMOVE, follow=True)

    assert response.redirect_chain == [(DIRECTORY, 302)]
    assert not DirectoryEntry.objects.exists()
    html = response.content.decode()
    assert "Your entry is taken down. Nobody can see it now." in html
    assert _cards(html) == []
    assert "Ask me about Hug in a Mug" not in html
    assert "Add yourself" in html


def test_removing_when_not_listed_says_so(client, people):
    client.force_login(people.young_person.user)
    response = client.post(REMOVE, follow=True)
    assert "You were not in Who&#x27;s who, so there was nothing to take down." in (
        response.content.decode()
    )


def test_the_list_links_to_adding_changing_and_removing(client, people):
    client.force_login(people.young_person.user)
    html = client.get(DIRECTORY).content.decode()
    assert f'<a class="btn btn-primary" href="{ENTRY}">Add yourself</a>' in html
    assert REMOVE not in html

    _entry(people.young_person, name="Kayla")
    html = client.get(DIRECTORY).content.decode()
    assert f'<a class="btn btn-outline-primary" href="{ENTRY}">Change your entry</a>' in html
    assert f'<form method="post" action="{REMOVE}">' in html
    assert "Remove my entry" in html


def test_bad_input_keeps_the_old_entry_and_says_what_to_fix(client, people):
    entry = _entry(people.professional, name="Tom Hughes", about="Tenancies")
    before = DirectoryEntry.objects.values().get()
    client.force_login(people.professional.user)

    response = client.post(ENTRY, {"name": "  ", "about": "x" * 501, "contact": "c" * 201})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Write the name you want people to see."],
        "about": ["Make this shorter: 500 characters at most (it has 501)."],
        "contact": ["Make this shorter: 200 characters at most (it has 201)."],
    }
    html = response.content.decode()
    assert "Your entry is not saved yet. Please fix what is marked below." in html
    assert "Write the name you want people to see." in html
    assert DirectoryEntry.objects.values().get() == before
    entry.refresh_from_db()
    assert entry.name == "Tom Hughes"


def test_bad_input_for_a_new_entry_saves_nothing(client, people):
    client.force_login(people.young_person.user)
    response = client.post(ENTRY, {"name": "", "about": "Hello"})
    assert response.context["form"].errors == {"name": ["Write the name you want people to see."]}
    assert not DirectoryEntry.objects.exists()


def test_what_people_write_is_escaped(client, people):
    _entry(
        people.young_person,
        name="<b>Kayla</b>",
        organisation="<i>Crew</i>",
        about="<script>alert(1)</script>",
        contact='<img src=x onerror="alert(2)">',
    )
    client.force_login(people.professional.user)

    for response in (client.get(DIRECTORY), client.get(DIRECTORY, {"q": "<script>"})):
        html = response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html
        assert "&lt;b&gt;Kayla&lt;/b&gt;" in html and "<b>Kayla" not in html
        assert "&lt;i&gt;Crew&lt;/i&gt;" in html and "<i>Crew" not in html
        assert "<img" not in html


def test_a_post_without_the_csrf_token_is_refused(people):
    entry = _entry(people.young_person, name="Kayla")
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.young_person.user)

    changed = client.post(ENTRY, {"name": "Someone else"})
    removed = client.post(REMOVE)

    assert (changed.status_code, removed.status_code) == (403, 403)
    entry.refresh_from_db()
    assert entry.name == "Kayla"


# --- Finding people ------------------------------------------------------------------------


def test_people_are_grouped_by_organisation_then_name_with_no_organisation_last(client, people):
    _entry(people.young_person, name="Kayla")
    _entry(people.professional, name="Tom Hughes", organisation="Housing")
    _entry(people.facilitator, name="Jo Mensah", organisation="Corporate Parenting")
    _entry(people.manager, name="Mark Ellis", organisation="Corporate Parenting")
    _entry(people.outsider, name="Bea", organisation="Housing")
    client.force_login(people.young_person.user)

    response = client.get(DIRECTORY)

    assert _listed_names(response) == [
        "Jo Mensah",
        "Mark Ellis",
        "Bea",
        "Tom Hughes",
        "Kayla",
    ]
    assert response.context["organisations"] == [
        {"organisation": "Corporate Parenting", "people": 2},
        {"organisation": "Housing", "people": 2},
    ]
    html = response.content.decode()
    headings = re.findall(r'<h3 class="h5 directory-group__name"[^>]*>(.*?)</h3>', html)
    assert headings == ["Corporate Parenting", "Housing", "Other people"]
    assert "2 people</span>" in html
    assert "5 people listed" in html


def test_search_looks_at_name_organisation_job_and_what_they_can_help_with(client, people):
    _entry(people.young_person, name="Kayla", about="Ask me about Hug in a Mug")
    _entry(people.professional, name="Tom Hughes", organisation="Housing", contact="mug@x.org")
    _entry(people.facilitator, name="Jo Mensah", what_i_do="Participation lead")
    _entry(people.manager, name="Mark Ellis", organisation="Corporate Parenting")
    client.force_login(people.young_person.user)

    def found(**query):
        return _listed_names(client.get(DIRECTORY, query))

    assert found(q="kayla") == ["Kayla"]
    assert found(q="HOUSING") == ["Tom Hughes"]
    assert found(q="participation") == ["Jo Mensah"]
    # The way to reach someone is not searched.
    assert found(q="mug") == ["Kayla"]
    assert found(organisation="Corporate Parenting") == ["Mark Ellis"]
    assert found(q="mark", organisation="Housing") == []
    assert found(q="", organisation="") == ["Mark Ellis", "Tom Hughes", "Jo Mensah", "Kayla"]
    html = client.get(DIRECTORY, {"q": "nobody-at-all"}).content.decode()
    assert "0 people found" in html and "Nobody matches that search." in html


def test_a_search_that_is_too_long_finds_nobody_and_says_why(client, people):
    _entry(people.young_person, name="Kayla")
    client.force_login(people.young_person.user)
    response = client.get(DIRECTORY, {"q": "k" * 101})
    assert _listed_names(response) == []
    assert response.context["search"].errors == {
        "q": ["Make this shorter: 100 characters at most (it has 101)."]
    }


@pytest.mark.parametrize("count", (5, 200))
def test_the_list_takes_a_fixed_number_of_queries(
    client, people, count, django_assert_max_num_queries
):
    users = User.objects.bulk_create(
        User(username=f"listed{n}", display_name=f"Listed {n}") for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(programme=people.programme, user=user, role=Role.PROFESSIONAL) for user in users
    )
    DirectoryEntry.objects.bulk_create(
        DirectoryEntry(
            user=user,
            name=f"Person {n}",
            organisation=f"Organisation {n % 7}" if n % 3 else "",
            what_i_do="Adviser",
            about="Tenancies",
            contact="Ask me",
        )
        for n, user in enumerate(users)
    )
    _entry(people.young_person, name="Kayla")
    client.force_login(people.young_person.user)

    with django_assert_max_num_queries(6):
        response = client.get(DIRECTORY, {"q": "a"})

    assert len(_cards(response.content.decode())) == count + 1


# --- Demo people ---------------------------------------------------------------------------


def test_the_demo_lists_only_the_people_who_chose_to_be(client, people):
    users = {}
    for username, name, role, agency in PEOPLE:
        user = UserFactory(username=username, display_name=name)
        MembershipFactory(programme=people.programme, user=user, role=role, agency=agency)
        users[username] = user

    seed_directory(users)
    seed_directory(users)

    client.force_login(people.young_person.user)
    response = client.get(DIRECTORY)
    assert _listed_names(response) == [
        "Jo Mensah",
        "Mark Ellis",
        "Tom Hughes",
        "Gemma Lowe",
        "Kayla",
    ]
    kayla = DirectoryEntry.objects.get(user=users["youngperson"])
    assert (kayla.name, kayla.organisation, kayla.what_i_do, kayla.about, kayla.contact) == (
        "Kayla",
        "",
        "",
        "Ask me about Hug in a Mug.",
        "",
    )
    html = response.content.decode()
    for absent in ("Reece", "Dan", "Amira Khan", "Priya Shah", "Siân Roberts"):
        assert absent not in html, absent
    assert response.context["organisations"] == [
        {"organisation": "Corporate Parenting", "people": 2},
        {"organisation": "Housing", "people": 1},
        {"organisation": "Leaving Care Team", "people": 1},
    ]
