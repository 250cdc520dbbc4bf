"""The four-workshop programme that every new programme starts from.

The words come from the accounts of the Central Bedfordshire care leavers' co-production
project: its four workshops, their aims and outcomes, its ground rules, the jargon it explained
and the activities it used. Facilitators edit all of it once it is copied into a programme.
"""

from django.utils.translation import gettext_lazy as _

WORKSHOPS = [
    {
        "kind": "intro",
        "title": _("An introduction to service design"),
        "aims": _(
            "Get to know each other and start to work well as a group. Learn the basic ideas "
            "of service design, so that everyone understands them."
        ),
        "outcomes": _(
            "We know each other and our ground rules. We know what words like prototyping and "
            "blueprinting mean. We have each made up a service, voted for two of them, and "
            "blueprinted them."
        ),
        "agenda": [
            ("Icebreaker: getting to know you", 15),
            ("Ground rules", 10),
            ("Jargon buster", 15),
            ("Create your own service", 35),
            ("Dot vote", 10),
            ("Blueprinting", 35),
            ("Recap", 10),
            ("Feedback round", 10),
            ("Lunch together", 40),
        ],
    },
    {
        "kind": "journey",
        "title": _("The experiences of leaving care"),
        "aims": _(
            "Look at what happened to each of us from age 15 to 25, and which services and "
            "support we had. Make up a persona of a care leaver, then map their journey "
            "together."
        ),
        "outcomes": _(
            "Timelines from 15 to 25. A persona of a care leaver. A journey map of what we "
            "learned, the problems, and the chances to make things better."
        ),
        "agenda": [
            ("Recap", 10),
            ("My timeline, 15 to 25", 40),
            ("Break", 10),
            ("Create a persona", 30),
            ("Journey mapping", 50),
            ("Feedback round", 10),
            ("Lunch together", 30),
        ],
    },
    {
        "kind": "designing",
        "title": _("Designing services for care leavers"),
        "aims": _(
            "Plan better services for care leavers, starting from the chances to make things "
            "better that we found last time."
        ),
        "outcomes": _("Good service ideas, planned out, ready to try for real."),
        "agenda": [
            ("Recap", 10),
            ("From opportunities to ideas", 20),
            ("Create your own service", 40),
            ("Dot vote", 10),
            ("Blueprinting", 50),
            ("Plan a prototype", 20),
            ("Feedback round", 10),
            ("Lunch together", 20),
        ],
    },
    {
        "kind": "review",
        "title": _("A review of ideas"),
        "aims": _(
            "Look at how our new ideas went when we tried them for real, and decide what to keep."
        ),
        "outcomes": _(
            "For each prototype, a decision: keep it, change it, or stop it. A list of real "
            "services that future care leavers can use."
        ),
        "agenda": [
            ("Recap", 10),
            ("Prototype stories", 50),
            ("Adopt, adapt or drop", 30),
            ("What we can offer future care leavers", 30),
            ("Feedback round", 30),
            ("Lunch together", 30),
        ],
    },
]

GROUND_RULES = [
    _("What is said in the group stays in the group."),
    _("Everybody's views, feelings and ideas are valid, valued and respected."),
    _("One person speaks at a time. Everyone gets a turn."),
    _("There are no silly questions. Ask when a word makes no sense."),
    _("You can take a break or pass at any time."),
    _("Phones on silent, please."),
]

GLOSSARY = [
    (
        _("co-production"),
        _("people who use a service and people who run it working as equals to make it better"),
    ),
    (_("service design"), _("planning a service around the people who use it")),
    (_("prototyping"), _("testing out a new idea")),
    (_("prototype"), _("a first try at a new idea, made to be tested")),
    (_("servicizing"), _("turning an idea into a service that people can use")),
    (
        _("blueprinting"),
        _("looking at a service from the point of view of the people who use it, step by step"),
    ),
    (_("persona"), _("a made-up person who stands for the people a service is for")),
    (_("journey map"), _("a picture of the steps someone goes through, and how each step feels")),
    (_("insight"), _("something we learned about what it is really like")),
    (_("opportunity"), _("a chance to make something better")),
    (
        _("corporate parenting"),
        _(
            "the duty of a council and its partners to look after young people in care, "
            "as a good parent would"
        ),
    ),
]

# The language guide every programme starts with: care-system words that label young people,
# what the group may prefer, and why. Groups change it to suit themselves.
LANGUAGE_GUIDE = [
    (
        _("LAC"),
        _("care experienced, or just their name"),
        _("Nobody wants to be known by letters. It makes a person sound like a case."),
    ),
    (
        _("looked after child"),
        _("young person, or just their name"),
        _("It is a label from the law, not how anyone talks about themselves."),
    ),
    (_("placement"), _("home"), _("It is where someone lives. Call it their home.")),
    (_("contact"), _("family time"), _("It is time with people you love, not an appointment.")),
    (
        _("respite"),
        _("a short break, or a sleepover"),
        _("It can sound like people need a break from you."),
    ),
    (
        _("absconded"),
        _("left without saying where they were going"),
        _("It is a word for prisons, not for young people."),
    ),
    (
        _("attention seeking"),
        _("looking for connection"),
        _("Wanting people to notice you is a need, not a fault."),
    ),
    (
        _("challenging behaviour"),
        _("say what happened, and what they might have needed"),
        _("It blames the young person and hides what was going on for them."),
    ),
    (_("unit"), _("home, or house"), _("Young people live in homes, not units.")),
    (_("case file"), _("my records, or my file"), _("It is someone's life story, not a case.")),
]

# The method library: activities that any agenda can reuse.
METHODS = [
    {
        "title": "Icebreaker: getting to know you",
        "summary": _("Names, and one thing nobody here knows about you."),
        "minutes": 15,
        "instructions": _(
            "Go round the group. Each person says their name, what they would like to be "
            "called, and one thing nobody here knows about them. Facilitators go first."
        ),
        "materials": _("Name badges, pens"),
    },
    {
        "title": "Ground rules",
        "summary": _("Agree how we will work together."),
        "minutes": 10,
        "instructions": _(
            "Read the ground rules together. Talk about confidentiality, and how everybody's "
            "views are valid, valued and respected. Ask if anyone wants to add a rule."
        ),
        "materials": _("Ground rules on a flip chart"),
    },
    {
        "title": "Jargon buster",
        "summary": _("Find the fancy words and say them simply."),
        "minutes": 15,
        "instructions": _(
            "Write words like 'prototyping' on cards. The group guesses what each one means, "
            "then agrees a simple meaning. Think of a time you tested out a new idea: how did "
            "it feel?"
        ),
        "materials": _("Word cards, sticky notes"),
    },
    {
        "title": "Create your own service",
        "summary": _("Everyone invents a service and tells the group about it."),
        "minutes": 35,
        "instructions": _(
            "Each person designs a service of their own: a shop, a café, anything. Give it a "
            "name, say who it is for and what makes it great. Then each person presents it."
        ),
        "materials": _("A3 paper, coloured pens"),
    },
    {
        "title": "Dot vote",
        "summary": _("Choose the ideas to take forward."),
        "minutes": 10,
        "instructions": _(
            "Put the ideas on the wall. Everyone gets three dots to stick on the ideas they "
            "like most. The two ideas with the most dots go forward."
        ),
        "materials": _("Sticky dots"),
    },
    {
        "title": "Blueprinting",
        "summary": _("Map a service from the point of view of the person using it."),
        "minutes": 35,
        "instructions": _(
            "Take a chosen service. Write the steps the customer takes along the top. Under "
            "each step, write what staff do, what happens behind the scenes, and what the "
            "service needs to have: office space, parking, a website, a telephone."
        ),
        "materials": _("Long roll of paper, sticky notes in five colours"),
    },
    {
        "title": "Recap",
        "summary": _("Look back at what we did."),
        "minutes": 10,
        "instructions": _("Go over what the group did and made, and what comes next."),
        "materials": "",
    },
    {
        "title": "Feedback round",
        "summary": _("How did today go? What could be better?"),
        "minutes": 10,
        "instructions": _(
            "Ask each person how they felt the session went, what they enjoyed, and what "
            "could be better next time."
        ),
        "materials": _("Feedback cards"),
    },
    {
        "title": "Lunch together",
        "summary": _("Share a meal and chat."),
        "minutes": 30,
        "instructions": _("A chance to sit around the table and just chat."),
        "materials": _("Lunch for everyone; ask about allergies and diets beforehand"),
    },
    {
        "title": "Break",
        "summary": _("Time out: drinks and fresh air."),
        "minutes": 10,
        "instructions": "",
        "materials": _("Drinks and snacks"),
    },
    {
        "title": "My timeline, 15 to 25",
        "summary": _("Everyone maps the services and support they had from 15 to 25."),
        "minutes": 40,
        "instructions": _(
            "Draw a line from 15 to 25. Mark what happened in life, which services you used and "
            "who supported you. Share only what you want to share."
        ),
        "materials": _("Timeline sheets, pens"),
    },
    {
        "title": "Create a persona",
        "summary": _("Make up a care leaver who stands for many."),
        "minutes": 30,
        "instructions": _(
            "Together, make up a care leaver: a name, an age, their story, what matters to "
            "them, their worries and the people around them. Not a real person."
        ),
        "materials": _("Persona sheet"),
    },
    {
        "title": "Journey mapping",
        "summary": _("Follow the persona's journey and find insights, problems and opportunities."),
        "minutes": 50,
        "instructions": _(
            "Lay out the stages of leaving care. For each stage, add insights, problems and "
            "opportunities on sticky notes, and say how the persona feels."
        ),
        "materials": _("Journey map on the wall, sticky notes in three colours"),
    },
    {
        "title": "From opportunities to ideas",
        "summary": _("Turn the journey map's opportunities into ideas for services."),
        "minutes": 20,
        "instructions": _("Read out the opportunities. Pick the ones the group cares most about."),
        "materials": _("Opportunity list from workshop 2"),
    },
    {
        "title": "Plan a prototype",
        "summary": _("Decide how to test a service idea in real life."),
        "minutes": 20,
        "instructions": _(
            "For each chosen idea: what will we test, with whom, where and when? What do we "
            "believe will happen?"
        ),
        "materials": _("Prototype plan sheet"),
    },
    {
        "title": "Prototype stories",
        "summary": _("Hear how each prototype went."),
        "minutes": 50,
        "instructions": _("Each team shares what happened when they tested their idea."),
        "materials": _("Notes and photos from testing"),
    },
    {
        "title": "Adopt, adapt or drop",
        "summary": _("Decide what happens to each prototype."),
        "minutes": 30,
        "instructions": _("For each prototype, agree to adopt it, change it, or stop it, and why."),
        "materials": "",
    },
    {
        "title": "What we can offer future care leavers",
        "summary": _("List the real services that come out of our work."),
        "minutes": 30,
        "instructions": _(
            "Write down each service that can be offered, and who will make it happen."
        ),
        "materials": "",
    },
]


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def seed_method_library(method_model) -> None:
    """Put the methods above in the library, leaving any others that facilitators added."""
    # The site's library, not a programme's own activities (which older migrations lack).
    site = {"programme": None} if _has_field(method_model, "programme") else {}
    for spec in METHODS:
        method_model.objects.update_or_create(
            title=spec["title"],
            **site,
            defaults={
                "summary": str(spec["summary"]),
                "minutes": spec["minutes"],
                "instructions": str(spec["instructions"]),
                "materials": str(spec["materials"]),
            },
        )
