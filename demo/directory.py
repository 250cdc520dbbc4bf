"""Who's who entries for the demo people. Only some of them chose to be listed: Reece and Dan
did not, and Kayla shows only a first name and what she is happy to talk about."""

from accounts.models import DirectoryEntry, User

# username: what the person chose to show.
DIRECTORY = {
    "youngperson": {"name": "Kayla", "about": "Ask me about Hug in a Mug."},
    "facilitator": {
        "name": "Jo Mensah",
        "organisation": "Corporate Parenting",
        "what_i_do": "Participation lead",
        "about": "I run the co-production programme. Ask me how to get involved.",
        "contact": "jo.mensah@example.org",
    },
    "professional": {
        "name": "Tom Hughes",
        "organisation": "Housing",
        "what_i_do": "Housing options officer for care leavers",
        "about": "Your first tenancy, bidding for a home, and what to do if things go wrong.",
        "contact": "Ask me at the next session",
    },
    "gemma": {
        "name": "Gemma Lowe",
        "organisation": "Leaving Care Team",
        "what_i_do": "Personal adviser",
        "about": "Pathway plans, the local offer and the Hug in a Mug drop-in.",
        "contact": "gemma.lowe@example.org",
    },
    "manager": {
        "name": "Mark Ellis",
        "organisation": "Corporate Parenting",
        "what_i_do": "Head of service, children in care and care leavers",
        "about": "The actions the leadership group took away, and how they are going.",
    },
}


def seed_directory(users: dict[str, User]) -> None:
    """Give the demo people who chose to be listed their entry; safe to run again, and it
    never overwrites what a person changed.

    users: the demo people by username. Anyone missing from it is left out.
    """
    for username, shown in DIRECTORY.items():
        if username in users:
            DirectoryEntry.objects.get_or_create(user=users[username], defaults=shown)
