"""Demo data: a programme like the one in the accounts, with fictional people.

Safe to run again: people and the programme are made once, and passwords are set back to the
demo password so the printed logins always work.
"""

import datetime
import io
import textwrap

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from blueprints import services as vote_services
from blueprints.models import Blueprint, Cell, Evidence, Idea, Lane, Prototype, Step
from demo.directory import seed_directory
from personas import services as persona_services
from personas.models import Card, JourneyMap, Persona, Stage, TimelineEvent, Visibility
from showcases import services as action_services
from showcases.models import Action, Guest, Quote, Showcase, ShowcaseLink, Theme
from voice import services as voice_services
from voice.images import process_upload
from voice.models import CheckOut, HowItWent, Reflection, Shared
from workshops import services
from workshops.models import Membership, Programme, Role

PROGRAMME_NAME = "Care Leavers Co-production Project"
PASSWORD = "together-2026"
VENUE = "Care Leavers Hub, Houghton Regis"

# username, name, role, agency; the first of each role is printed as that role's login.
PEOPLE = [
    ("facilitator", "Jo Mensah", Role.FACILITATOR, "Corporate Parenting"),
    ("cofacilitator", "Priya Shah", Role.CO_FACILITATOR, "Independent social worker"),
    ("youngperson", "Kayla", Role.YOUNG_PERSON, ""),
    ("reece", "Reece", Role.YOUNG_PERSON, ""),
    ("dan", "Dan", Role.YOUNG_PERSON, ""),
    ("professional", "Tom Hughes", Role.PROFESSIONAL, "Housing"),
    ("amira", "Amira Khan", Role.PROFESSIONAL, "Education"),
    ("gemma", "Gemma Lowe", Role.PROFESSIONAL, "Leaving Care Team"),
    ("sian", "Dr Siân Roberts", Role.PROFESSIONAL, "Health"),
    ("manager", "Mark Ellis", Role.MANAGER, "Corporate Parenting"),
]


# The group shows its three service designs to the leaders who can change services.
SHOWCASE = {
    "audience": "Children's Commission Leadership Group",
    "held_ago_days": 10,
    "venue": "Priory House, Chicksands",
    "people_count": 13,
    "summary": (
        "Kayla and Reece showed the Crew's three service designs and their videos. Over an "
        "hour went on questions: the leaders asked the Crew, and the Crew asked the leaders."
    ),
    "ideas": ["Hug in a Mug", "Keys and kettle", "Money buddy"],
    "prototypes": ["A Thursday drop-in at the hub"],
    # organisation, roles, how many
    "guests": [
        ("Education", "Head of Education, Virtual School Head", 2),
        ("Social Work", "Head of Children's Services, Locality Coordinator", 2),
        ("Housing", "Housing Options Manager, Tenancy Support Lead", 2),
        ("Corporate Services", "Head of Corporate Services", 1),
        ("Employment and Training Unit", "Team Leader", 1),
        ("NHS", "Nurse for Looked After Children, Mental Health Lead", 2),
        ("CVS", "Chief Officer", 1),
        ("Barnardo's", "Service Manager", 1),
        ("Careers service", "Careers Adviser", 1),
    ],
    "links": [
        ("Hug in a Mug: the Crew's video", "https://video.example.org/crew/hug-in-a-mug"),
        ("The slides we showed", "https://files.example.org/crew/showcase-slides.pdf"),
    ],
    # what they said, role, organisation, name (only where they agreed), idea it is about
    "quotes": [
        (
            "The three proposals link in so well together, I don't see why we wouldn't be "
            "looking to take them all forward. They need to work together.",
            "Head of Children's Services",
            "Social Work",
            "Ruth Adebayo",
            "",
        ),
        (
            "As a Corporate Parent I would be really interested that this is a collective "
            "initiative, with all the partners on board. The more corporate parents on board, "
            "the more love our care leavers feel.",
            "Head of Education",
            "Children's Services",
            "Owen McKee",
            "Hug in a Mug",
        ),
        (
            "We need to think of this as a partnership and think of the whole system. If we "
            "want to really shake things up, we could make the videos the policy!",
            "Locality Coordinator",
            "Children's Services",
            "",
            "Keys and kettle",
        ),
    ],
}

# Actions the leadership group took away: what, organisation, owner, theme, due in days,
# and the updates since.
ACTIONS = [
    (
        "Bring the Hug in a Mug design into next year's improvement plan",
        "Corporate Parenting",
        "manager",
        Theme.IMPROVEMENT,
        60,
        [("in_progress", "On the agenda of the improvement planning day in January.")],
    ),
    (
        "Share the service design videos with the whole Education staff team",
        "Education",
        "amira",
        Theme.MESSAGE,
        -7,
        [],
    ),
    (
        "Put the group's messages into induction and learning for new staff",
        "Leaving Care Team",
        "gemma",
        Theme.LEARNING,
        90,
        [
            ("in_progress", "Kayla and Reece are helping to write the new induction session."),
        ],
    ),
    (
        "Keep meeting with the Crew to develop the work together",
        "Corporate Parenting",
        "manager",
        Theme.TOGETHER,
        30,
        [("done", "We now meet the Crew every month at the hub.")],
    ),
]

# What the organisations promise young people, at the top of the programme's page.
PLEDGES = [
    "We will listen to you, act on what you tell us, and tell you what we did.",
    "You will have one named person who knows your story, so you don't have to tell it again.",
    "We will answer your calls and messages within two working days.",
    "You can keep your personal adviser until you are 25 if you want to.",
    "We will not make a decision about your home or your money without you in the room.",
]

# activity title: the username of who leads it, in every workshop that has it
LEADS = {
    "Icebreaker: getting to know you": "facilitator",
    "Ground rules": "cofacilitator",
    "Jargon buster": "reece",
    "Create your own service": "facilitator",
    "Dot vote": "cofacilitator",
    "Blueprinting": "gemma",
    "Recap": "cofacilitator",
    "My timeline, 15 to 25": "youngperson",
    "Create a persona": "facilitator",
    "Journey mapping": "facilitator",
    "From opportunities to ideas": "amira",
    "Plan a prototype": "professional",
    "Prototype stories": "youngperson",
    "Adopt, adapt or drop": "facilitator",
    "Feedback round": "cofacilitator",
}


# username, who sees it, name shown, events (age, kind, text, feeling)
TIMELINES = [
    (
        "youngperson",
        Visibility.GROUP,
        True,
        [
            (15, "life", "Moved to my third foster home", "worried"),
            (16, "service", "Pathway plan meeting: lots of people I didn't know", "anxious"),
            (17, "support", "My personal adviser texted every week", "calm"),
            (18, "life", "Left care and moved into a flat on my own", "unsure"),
            (18, "service", "Housing gave me a list of furniture shops", ""),
            (19, "support", "A cooking course at the hub", "proud"),
        ],
    ),
    (
        "reece",
        Visibility.GROUP,
        False,
        [
            (16, "life", "Changed school halfway through my exams", "worried"),
            (18, "service", "Told my tenancy would start on my birthday", "anxious"),
            (
                20,
                "support",
                "Started an apprenticeship with help from the Leaving Care Team",
                "excited",
            ),
        ],
    ),
    (
        "professional",
        Visibility.GROUP,
        True,
        [
            (16, "support", "Mum helped me fill in my college forms", "calm"),
            (19, "life", "Moved out, then back home for a year", "happy"),
            (23, "service", "First job in Housing", "proud"),
        ],
    ),
    (
        "dan",
        Visibility.FACILITATORS,
        False,
        [
            (17, "life", "Lived in supported lodgings", "unsure"),
        ],
    ),
]

PERSONA = {
    "name": "Jade",
    "age": 17,
    "picture": "wave",
    "quote": "I just want someone who remembers me.",
    "story": (
        "Jade has lived in three foster homes and one children's home. She is about to leave "
        "care and move into her first flat. She loves music and wants to work with animals."
    ),
    "what_matters": "Her little brother. Her dog, Biscuit. Being treated like an adult.",
    "needs": "Somewhere safe to live, money she understands, and one person to call.",
    "goals": "Finish college. Get a job at the animal rescue centre. Have friends round.",
    "worries": "Being lonely in the flat. Bills. Having to tell her story again.",
    "network": "Personal adviser, foster carer she still texts, college tutor, Housing officer.",
}
PERSONA_INSPIRED_BY = [
    "Moved to my third foster home",
    "Left care and moved into a flat on my own",
]
# One feeling for each of the six default stages, from 1 (really hard) to 5 (really good).
STAGE_FEELINGS = [2, 1, 2, 3, 4, 4]
# stage index, kind, text, author
CARDS = [
    (0, "insight", "Pathway plans are written about you, not with you", "youngperson"),
    (0, "problem", "Too many new faces at the meeting", "reece"),
    (0, "opportunity", "Young person chooses who comes to their pathway meeting", "youngperson"),
    (1, "insight", "Leaving care happens on a date, not when you are ready", "gemma"),
    (1, "problem", "Everything changes in the same week: home, money, worker", "reece"),
    (1, "opportunity", "A 'staying close' plan so you can visit your last home", "professional"),
    (
        1,
        "opportunity",
        "Hug in a Mug: a drop-in with a cuppa and someone who knows you",
        "youngperson",
    ),
    (2, "insight", "The first night alone in the flat is the hardest", "youngperson"),
    (2, "problem", "No furniture or white goods on moving day", "professional"),
    (2, "problem", "Letters about bills nobody explained", "dan"),
    (2, "opportunity", "A starter pack ready before the keys are handed over", "professional"),
    (2, "opportunity", "A money buddy for the first three months", "amira"),
    (3, "insight", "College is easier with one named person who checks in", "amira"),
    (3, "problem", "Bursary forms ask for things care leavers do not have", "amira"),
    (3, "opportunity", "Work tasters with partners who understand care", "manager"),
    (4, "insight", "Support drops off at 21 just as life gets more settled", "sian"),
    (4, "opportunity", "Keep your personal adviser until 25 if you want to", "gemma"),
    (5, "insight", "By 25 most people still ring someone for advice", "professional"),
]


# title, what, who for, proposer, opportunity it came from, foundations of The Promise
IDEAS = [
    (
        "Unique",
        "A clothes shop where every piece is one of a kind.",
        "Young people who want to stand out",
        "youngperson",
        "",
        [],
    ),
    (
        "Global Tastes",
        "A takeaway with food from all over the world.",
        "Anyone hungry",
        "reece",
        "",
        [],
    ),
    (
        "Perfect Plumbers",
        "Plumbers who turn up when they say they will.",
        "Households",
        "professional",
        "",
        [],
    ),
    (
        "Mica's Wheels",
        "Bike repairs while you wait, with great service.",
        "Cyclists",
        "dan",
        "",
        [],
    ),
    (
        "Don't Wear A Green Hat",
        "A hairdresser with great new haircuts.",
        "Everyone",
        "amira",
        "",
        [],
    ),
    (
        "Hug in a Mug",
        "A weekly drop-in with a cuppa and someone who knows you.",
        "Care leavers in their first year on their own",
        "youngperson",
        "Hug in a Mug",
        ["people", "care"],
    ),
    (
        "Keys and kettle",
        "A starter pack in the flat before the keys are handed over: bed, "
        "kettle, pans and a welcome card.",
        "Care leavers moving into a first tenancy",
        "professional",
        "A starter pack",
        ["scaffolding", "care"],
    ),
    (
        "Money buddy",
        "Someone to open the letters with you for the first three months.",
        "Care leavers with a first tenancy",
        "amira",
        "A money buddy",
        ["scaffolding", "voice"],
    ),
    (
        "Staying close",
        "Visits to your last home after you move out, if you want them.",
        "Care leavers who have just left care",
        "professional",
        "A 'staying close'",
        ["family", "people"],
    ),
]
# The two services taken forward, blueprinted as in the first workshop. For each step, the
# five lanes: evidence, the customer, frontstage, backstage, support.
BLUEPRINTS = {
    "Unique": (
        [
            "Shop space on the high street",
            "Parking nearby",
            "A website",
            "A telephone",
            "Great customer service",
            "Good value for money",
        ],
        [
            (
                "Hears about it",
                [
                    "Posters and a website",
                    "Sees a post from a friend",
                    "Replies to messages",
                    "Updates the website",
                    "Local radio",
                ],
            ),
            (
                "Visits the shop",
                [
                    "The shop window",
                    "Walks in and looks around",
                    "Says hello and offers help",
                    "Keeps the rails full",
                    "Suppliers deliver stock",
                ],
            ),
            (
                "Chooses and pays",
                [
                    "Changing rooms, the till",
                    "Tries clothes on and pays",
                    "Helps with sizes, takes payment",
                    "Orders more of what sells",
                    "Card machine company",
                ],
            ),
            (
                "Comes back",
                [
                    "Loyalty card",
                    "Tells friends, comes back",
                    "Remembers their name",
                    "Plans new stock",
                    "Bank, accountant",
                ],
            ),
        ],
    ),
    "Global Tastes": (
        [
            "A kitchen",
            "A website with the menu",
            "A telephone",
            "Delivery drivers",
            "Food hygiene certificate",
        ],
        [
            (
                "Sees the menu",
                [
                    "Menu online and on leaflets",
                    "Reads the menu",
                    "",
                    "Keeps the menu up to date",
                    "Printer",
                ],
            ),
            (
                "Orders",
                [
                    "Phone and website",
                    "Phones or orders online",
                    "Takes the order kindly",
                    "Cooks the food",
                    "Food suppliers",
                ],
            ),
            (
                "Gets the food",
                [
                    "Packaging, the driver",
                    "Opens the door, eats",
                    "Driver hands it over",
                    "Checks orders are right",
                    "Delivery app",
                ],
            ),
        ],
    ),
}
# Tried for real between workshops 3 and 4, and reviewed at workshop 4.
PROTOTYPES = {
    "Hug in a Mug": {
        "title": "A Thursday drop-in at the hub",
        "belief": "a cuppa and a chat each week will help care leavers feel less alone in "
        "their first flat",
        "with_whom": "Care leavers in their first year on their own",
        "where": "Care Leavers Hub, Houghton Regis",
        "status": "tested",
        "decision": "adopt",
        "reasons": "People came back week after week and brought friends. Keep it, every "
        "Thursday, with a personal adviser there.",
        "evidence": [
            ("measure", "12 of 15 young people came back the next week", "gemma"),
            (
                "note",
                "Someone said: it's the only place I don't have to explain myself",
                "youngperson",
            ),
            ("photo", "Photos of the first drop-in are in the hub's shared folder", "reece"),
        ],
    },
    "Keys and kettle": {
        "title": "Starter packs for five new tenancies",
        "belief": "having the basics on day one will make the first night less hard",
        "with_whom": "Five care leavers moving into council flats",
        "where": "New tenancies across the area",
        "status": "tested",
        "decision": "adapt",
        "reasons": "The packs helped, but young people want to choose what goes in them. "
        "Next time, a list to choose from.",
        "evidence": [
            ("measure", "5 of 5 packs delivered before the keys were handed over", "professional"),
            ("note", "Two people already had a kettle; one needed a cot", "professional"),
        ],
    },
    "Money buddy": {
        "title": "Money buddies for three months",
        "belief": "opening the letters together will stop small bills becoming big debts",
        "with_whom": "Four care leavers with a first tenancy",
        "where": "At home and by phone",
        "status": "testing",
        "evidence": [
            (
                "note",
                "First buddy meetings went well; one letter from the council needed help",
                "amira",
            )
        ],
    },
}
DESIGN_DOTS = {
    "youngperson": ["Hug in a Mug", "Hug in a Mug", "Keys and kettle"],
    "reece": ["Hug in a Mug", "Money buddy", "Staying close"],
    "dan": ["Keys and kettle", "Keys and kettle", "Money buddy"],
    "professional": ["Keys and kettle", "Money buddy", "Hug in a Mug"],
    "gemma": ["Money buddy", "Hug in a Mug", "Staying close"],
    "sian": ["Hug in a Mug", "Keys and kettle", "Money buddy"],
}
# Workshop 1's vote: three dots each. Unique and Global Tastes go forward, as on the day.
DOTS = {
    "youngperson": ["Unique", "Unique", "Global Tastes"],
    "reece": ["Global Tastes", "Global Tastes", "Mica's Wheels"],
    "professional": ["Unique", "Perfect Plumbers", "Global Tastes"],
    "amira": ["Unique", "Don't Wear A Green Hat", "Global Tastes"],
    "gemma": ["Unique", "Mica's Wheels", "Global Tastes"],
    "manager": ["Unique", "Perfect Plumbers", "Don't Wear A Green Hat"],
}


class Command(BaseCommand):
    help = "Create the demo programme and its people (idempotent), and print the logins."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development: DJANGO_ENV is production.")
        with transaction.atomic():
            users = {username: self._user(username, name) for username, name, _, _ in PEOPLE}
            User.objects.filter(username="facilitator").update(can_start_programmes=True)
            programme = Programme.objects.filter(name=PROGRAMME_NAME).first()
            if programme is None:
                programme = self._programme(users)
                # Once only: a demo person who takes their entry down stays down.
                seed_directory(users)
            if not programme.personas.exists():
                self._journey(programme)
            if not programme.ideas.exists():
                self._ideas(programme)
            first_session = programme.workshops.get(number=1).sessions.first()
            if not first_session.reflections.exists():
                self._voice(programme, first_session)
            if not programme.actions.exists():
                self._actions(programme)
            if not programme.showcases.exists():
                self._showcase(programme)
        self.stdout.write(self.style.SUCCESS(f"Demo programme: {programme.name}"))
        self.stdout.write(f"Every demo login has the password: {PASSWORD}")
        printed = set()
        for username, name, role, _agency in PEOPLE:
            if role not in printed:
                printed.add(role)
                self.stdout.write(f"  {Role(role).label:<15} {username:<14} ({name})")

    def _user(self, username: str, name: str) -> User:
        user, _ = User.objects.get_or_create(username=username, defaults={"display_name": name})
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        return user

    def _programme(self, users: dict[str, User]) -> Programme:
        programme = services.programme_create(
            name=PROGRAMME_NAME,
            organisation="Central Bedfordshire Council",
            aims=(
                "To make services better for care leavers. Care leavers and staff from "
                "different services work together as equals, and share what they know."
            ),
            created_by=users["facilitator"],
        )
        now = timezone.now()
        for username, _, role, agency in PEOPLE[1:]:
            Membership.objects.create(
                programme=programme,
                user=users[username],
                role=role,
                agency=agency,
                agreed_ground_rules_at=now,
            )
        Membership.objects.filter(programme=programme, role=Role.FACILITATOR).update(
            agency="Corporate Parenting"
        )
        # Weekly on Mondays: the first workshop was last Monday, the rest are coming up.
        today = timezone.localdate()
        last_monday = today - datetime.timedelta(days=today.weekday() or 7)
        sessions = [workshop.sessions.get() for workshop in programme.workshops.all()]
        for week, session in enumerate(sessions):
            session.date = last_monday + datetime.timedelta(weeks=week)
            session.venue = VENUE
            session.save(update_fields=["date", "venue"])
        services.pledges_replace(programme=programme, texts=PLEDGES)
        # Who leads what: facilitators, and young people and professionals too.
        members = {m.user.username: m for m in programme.memberships.select_related("user")}
        for session in sessions:
            for activity in session.activities.all():
                lead = LEADS.get(activity.title)
                if lead:
                    activity.lead = members[lead]
                    activity.save(update_fields=["lead"])
        self._run_first_session(programme, sessions[0])
        return programme

    def _journey(self, programme: Programme) -> None:
        """Workshop 2 as it might have gone: timelines, a persona and a journey map."""
        members = {m.user.username: m for m in programme.memberships.select_related("user")}
        for username, visibility, show_name, events in TIMELINES:
            timeline = persona_services.timeline_for(members[username])
            timeline.visibility, timeline.show_name = visibility, show_name
            timeline.save()
            TimelineEvent.objects.bulk_create(
                TimelineEvent(timeline=timeline, age=age, kind=kind, text=text, feeling=feeling)
                for age, kind, text, feeling in events
            )
        session = programme.workshops.get(number=2).sessions.get()
        persona = Persona.objects.create(programme=programme, session=session, **PERSONA)
        persona.inspired_by.set(
            TimelineEvent.objects.filter(
                timeline__programme=programme, text__in=PERSONA_INSPIRED_BY
            )
        )
        journey_map = persona_services.journey_map_create(
            persona=persona, title="Jade's journey out of care", session=session
        )
        stages = list(journey_map.stages.all())
        for stage, feeling in zip(stages, STAGE_FEELINGS, strict=True):
            stage.feeling = feeling
        Stage.objects.bulk_update(stages, ["feeling"])
        Card.objects.bulk_create(
            Card(stage=stages[index], kind=kind, text=text, author=members[username])
            for index, kind, text, username in CARDS
        )
        JourneyMap.objects.filter(pk=journey_map.pk).update(version=1)

    def _ideas(self, programme: Programme) -> None:
        """Workshop 1's made-up services and their vote, and ideas from the opportunities."""
        members = {m.user.username: m for m in programme.memberships.select_related("user")}
        made = {}
        for title, what, who_for, username, opportunity, foundations in IDEAS:
            idea = Idea.objects.create(
                programme=programme,
                title=title,
                what=what,
                who_for=who_for,
                author=members[username],
                foundations=foundations,
            )
            if opportunity:
                idea.opportunities.set(
                    Card.objects.filter(
                        stage__journey_map__programme=programme, text__startswith=opportunity
                    )
                )
            made[title] = idea

        def closed_vote(title, ideas, take_forward, dots):
            vote = vote_services.vote_open(
                programme=programme,
                title=title,
                ideas=ideas,
                dots_per_member=3,
                hide_results=True,
                take_forward=take_forward,
            )
            for username, titles in dots.items():
                for idea_title in titles:
                    vote_services.dot_place(
                        vote=vote, member=members[username], idea=made[idea_title]
                    )
            results = vote_services.vote_close(vote=vote)
            vote.refresh_from_db()
            if vote_services.tie_to_choose(vote, results):
                # The group talked it over, and the facilitator took the first ones forward.
                places = vote_services.places_at_the_tie(vote, results)
                tied = [result.idea.pk for result in results if result.tied][:places]
                vote_services.vote_choose_at_tie(
                    vote=vote, member=members["facilitator"], idea_ids=set(tied)
                )

        warm_up = [made[title] for title, *_ in IDEAS[:5]]
        closed_vote("Which two services do we take forward?", warm_up, 2, DOTS)
        # Workshop 3: which of the journey map's ideas do we try for real?
        designed = [made[title] for title, *_ in IDEAS[5:]]
        closed_vote("Which ideas do we try for real?", designed, 3, DESIGN_DOTS)
        today = timezone.localdate()
        for title, spec in PROTOTYPES.items():
            fields = {key: value for key, value in spec.items() if key != "evidence"}
            decided = fields.get("decision")
            prototype = Prototype.objects.create(
                programme=programme,
                idea=made[title],
                starts_on=today - datetime.timedelta(weeks=6),
                ends_on=today - datetime.timedelta(weeks=1) if decided else None,
                decided_at=timezone.now() if decided else None,
                **fields,
            )
            Evidence.objects.bulk_create(
                Evidence(prototype=prototype, kind=kind, text=text, added_by=members[who])
                for kind, text, who in spec["evidence"]
            )
        for title, (needs, steps) in BLUEPRINTS.items():
            blueprint = Blueprint.objects.create(
                programme=programme, idea=made[title], needs="\n".join(needs)
            )
            for order, (step_title, texts) in enumerate(steps):
                step = Step.objects.create(blueprint=blueprint, order=order, title=step_title)
                Cell.objects.bulk_create(
                    Cell(step=step, lane=lane, text=text)
                    for lane, text in zip(Lane.values, texts, strict=True)
                )

    def _run_first_session(self, programme: Programme, session) -> None:
        """Record the first workshop as it happened: who came, and how long things took."""
        members = list(programme.memberships.all())
        services.attendance_record(
            session=session,
            present_member_ids={member.pk for member in members if member.user.username != "dan"},
        )
        start = timezone.make_aware(datetime.datetime.combine(session.date, session.starts_at))
        clock = start
        activities = list(session.activities.all())
        for activity in activities:
            activity.actual_start = clock
            # The creative exercises ran a little long, as they do.
            clock += datetime.timedelta(
                minutes=activity.minutes + (5 if activity.minutes >= 35 else 0)
            )
            activity.actual_end = clock
        type(activities[0]).objects.bulk_update(activities, ["actual_start", "actual_end"])
        session.started_at, session.finished_at = start, clock
        session.save(update_fields=["started_at", "finished_at"])

    def _actions(self, programme: Programme) -> None:
        """What the leadership group took away from seeing the group's work, and where
        each action has got to."""
        members = {m.user.username: m for m in programme.memberships.select_related("user")}
        today = timezone.localdate()
        for what, organisation, username, theme, due_in_days, updates in ACTIONS:
            action = action_services.action_add(
                programme=programme,
                by=members["facilitator"],
                what=what,
                organisation=organisation,
                owner=members[username],
                theme=theme,
                due_on=today + datetime.timedelta(days=due_in_days),
            )
            for status, note in updates:
                action_services.action_update(
                    action=action, by=members[username], status=status, note=note
                )

    def _showcase(self, programme: Programme) -> None:
        """The leadership group saw the work, said what they thought, and took actions away."""
        showcase = Showcase.objects.create(
            programme=programme,
            audience=SHOWCASE["audience"],
            held_on=timezone.localdate() - datetime.timedelta(days=SHOWCASE["held_ago_days"]),
            venue=SHOWCASE["venue"],
            people_count=SHOWCASE["people_count"],
            summary=SHOWCASE["summary"],
        )
        ideas = {idea.title: idea for idea in programme.ideas.all()}
        showcase.ideas.set([ideas[title] for title in SHOWCASE["ideas"] if title in ideas])
        showcase.prototypes.set(programme.prototypes.filter(title__in=SHOWCASE["prototypes"]))
        Guest.objects.bulk_create(
            Guest(showcase=showcase, organisation=organisation, roles=roles, number=number)
            for organisation, roles, number in SHOWCASE["guests"]
        )
        ShowcaseLink.objects.bulk_create(
            ShowcaseLink(showcase=showcase, title=title, url=url)
            for title, url in SHOWCASE["links"]
        )
        for text, role, organisation, name, about in SHOWCASE["quotes"]:
            Quote.objects.create(
                showcase=showcase,
                text=text,
                role=role,
                organisation=organisation,
                named=bool(name),
                name=name,
                idea=ideas.get(about),
            )
        Action.objects.filter(programme=programme, showcase=None).update(showcase=showcase)

    def _voice(self, programme: Programme, session) -> None:
        """What people said after the first workshop, how it went, and a photo of the wall."""
        members = {m.user.username: m for m in programme.memberships.select_related("user")}
        now = timezone.now()
        for username, text, feeling, shared, anonymous, wants_a_chat in REFLECTIONS:
            Reflection.objects.create(
                session=session,
                author=members[username],
                text=text,
                feeling=feeling,
                shared=shared,
                anonymous=anonymous,
                wants_a_chat=wants_a_chat,
                # Demo data sends no e-mail: the facilitators were told on the day.
                chat_emailed_at=now if wants_a_chat else None,
            )
        CheckOut.objects.bulk_create(
            CheckOut(
                session=session,
                membership=members[username],
                how_it_went=how,
                went_well=went_well,
                could_be_better=could_be_better,
            )
            for username, how, went_well, could_be_better in CHECK_OUTS
        )
        # A quick question at the end of the session, answered from phones.
        question = voice_services.question_ask(
            session=session,
            by=members["facilitator"],
            text="One word for how today felt?",
            kind="words",
            choices="",
        )
        for username, words in QUICK_ANSWERS:
            voice_services.answer_give(question=question, member=members[username], words=words)
        voice_services.question_close(question=question)
        voice_services.photo_add(
            session=session,
            uploaded_by=members["youngperson"],
            image=process_upload(io.BytesIO(_sticky_note_wall())),
            caption="Our wall of sticky notes from the prototyping game",
            alt_text=(
                "A wall covered in yellow, pink, green and blue sticky notes, "
                "each with an idea for a new service written on it."
            ),
        )


# Answers to "One word for how today felt?": shown together, never with a name.
QUICK_ANSWERS = [
    ("youngperson", "Listened to"),
    ("reece", "Proud"),
    ("dan", "listened to"),
    ("professional", "Hopeful"),
    ("manager", "Hopeful"),
    ("cofacilitator", "Fun"),
]

# username, text, feeling, who sees it, anonymous to the group, would like a chat
REFLECTIONS = [
    (
        "youngperson",
        "I liked making a sandwich that nobody had thought of. I was nervous at the start "
        "but everyone listened to me.",
        "happy",
        Shared.GROUP,
        False,
        False,
    ),
    (
        "reece",
        "Prototyping my own idea made me proud. I didn't know I could design a service.",
        "proud",
        Shared.GROUP,
        False,
        False,
    ),
    (
        "dan",
        "I was worried about being judged at first. The ground rules helped.",
        "anxious",
        Shared.GROUP,
        True,
        False,
    ),
    (
        "professional",
        "Good to meet people from Education and Health in one room. I learned more from the "
        "young people in three hours than from a year of reports.",
        "excited",
        Shared.GROUP,
        False,
        False,
    ),
    (
        "amira",
        "The timelines brought back some hard memories of my own. I'd like to talk it through.",
        "worried",
        Shared.FACILITATORS,
        False,
        True,
    ),
]

# username, how it went, what went well, what could be better
CHECK_OUTS = [
    ("youngperson", HowItWent.REALLY_WELL, "The interactive group exercises.", ""),
    ("reece", HowItWent.REALLY_WELL, "Designing our own service.", "More breaks."),
    (
        "professional",
        HowItWent.WELL,
        "Meeting and working with people from a range of different agencies.",
        "Providing the group with information hand-outs.",
    ),
    ("amira", HowItWent.WELL, "", "Information hand-outs to take home."),
    ("gemma", HowItWent.OKAY, "Hearing from the young people.", "A quieter room."),
    ("sian", HowItWent.REALLY_WELL, "The sandwich game got everyone talking.", ""),
]


def _sticky_note_wall() -> bytes:
    """A drawing of the session's sticky-note wall, for the demo photo."""
    from PIL import Image, ImageDraw

    wall = Image.new("RGB", (1200, 800), (214, 196, 168))
    draw = ImageDraw.Draw(wall)
    colours = [(255, 236, 120), (255, 170, 200), (170, 230, 160), (150, 200, 255)]
    notes = [
        "Hug in a Mug",
        "Global Tastes",
        "Unique",
        "Money buddy",
        "Keys and kettle",
        "Staying close",
        "Perfect Plumbers",
        "Mica's Wheels",
        "A sandwich with chips in",
        "Someone to call at night",
        "Help with forms",
        "Free bus pass",
    ]
    for number, note in enumerate(notes):
        x, y = 60 + (number % 4) * 280, 60 + (number // 4) * 240
        draw.rectangle((x + 6, y + 6, x + 206, y + 186), fill=(150, 130, 110))
        draw.rectangle((x, y, x + 200, y + 180), fill=colours[(number + number // 4) % 4])
        lines = textwrap.wrap(note, width=13)
        draw.multiline_text((x + 16, y + 60), "\n".join(lines), fill=(30, 30, 30), font_size=26)
    output = io.BytesIO()
    wall.save(output, "JPEG", quality=90)
    return output.getvalue()
