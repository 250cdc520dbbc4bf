"""The programme `make load` runs against: MEMBERS young people, a session happening today
with REFLECTIONS reflections, and a journey map of CARDS cards. Writes what the load test
needs (addresses, usernames, the password) to the JSON file it is given.

Run by scripts/load.sh, with the database in DATABASE_URL already migrated.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codesign.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from personas import services as persona_services  # noqa: E402
from personas.models import Card, CardKind, Persona  # noqa: E402
from voice.models import Reflection  # noqa: E402
from workshops.models import Membership, Role  # noqa: E402
from workshops.tests.factories import first_session, programme_from_template  # noqa: E402

PASSWORD = "load-test-together-2026"


def main(out: Path, members: int, reflections: int, cards: int) -> None:
    facilitator = User.objects.create(
        username="load-facilitator", display_name="Jo", password=make_password(PASSWORD)
    )
    programme = programme_from_template(created_by=facilitator, name="Hug in a Mug, load test")
    Membership.objects.filter(programme=programme).update(agreed_ground_rules_at=timezone.now())
    hashed = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(username=f"load-{n}", display_name=f"Member {n}", password=hashed)
        for n in range(members)
    )
    people = Membership.objects.bulk_create(
        Membership(
            programme=programme,
            user=user,
            role=Role.YOUNG_PERSON,
            agreed_ground_rules_at=timezone.now(),
        )
        for user in users
    )
    session = first_session(programme)
    session.date = timezone.localdate()
    session.save()
    Reflection.objects.bulk_create(
        Reflection(
            session=session,
            author=people[n % len(people)],
            text=f"Reflection {n}: the wall of sticky notes helped me say what I meant.",
            shared="group",
        )
        for n in range(reflections)
    )
    persona = Persona.objects.create(programme=programme, name="Jade", age=17)
    journey_map = persona_services.journey_map_create(persona=persona, title="Jade's journey")
    stages = list(journey_map.stages.all())
    Card.objects.bulk_create(
        Card(
            stage=stages[n % len(stages)],
            kind=CardKind.values[n % 3],
            text=f"Card {n}: nobody told me who my personal adviser was.",
            author=people[n % len(people)],
        )
        for n in range(cards)
    )
    out.write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "usernames": [user.username for user in users],
                "session": session.get_absolute_url(),
                "voice": reverse("voice:session-voice", args=[programme.pk, session.pk]),
                "reflection_add": reverse("voice:reflection-add", args=[programme.pk, session.pk]),
                "map": journey_map.get_absolute_url(),
                "map_poll": reverse("personas:map-poll", args=[programme.pk, journey_map.pk]),
                "card_add": reverse("personas:card-add", args=[programme.pk, journey_map.pk]),
                "stages": [stage.pk for stage in stages],
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
