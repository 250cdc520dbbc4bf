"""Factories for the tests, in one place."""

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from voice import services as voice_services
from voice.models import Photo, Reflection
from workshops import services
from workshops.models import Activity, Membership, Programme, Role, Session

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    display_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.YOUNG_PERSON
    agreed_ground_rules_at = factory.LazyFunction(timezone.now)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Activity {n}")
    minutes = 15
    order = factory.Sequence(lambda n: n)
    instructions = "Go round the group. Talk about prototyping."


def programme_from_template(
    *, created_by: User, name: str = "Care Leavers Co-production"
) -> Programme:
    return services.programme_create(
        name=name,
        organisation="Central Bedfordshire Council",
        aims="Improve services for care leavers, together.",
        created_by=created_by,
    )


def first_session(programme: Programme) -> Session:
    session = Session.objects.get(workshop__programme=programme, workshop__number=1)
    return session


def dated(session: Session, days_from_today: int) -> Session:
    session.date = timezone.localdate() + datetime.timedelta(days=days_from_today)
    session.venue = "Care Leavers Hub, Houghton Regis"
    session.save()
    return session


def jpeg_bytes(size=(640, 480), colour=(250, 220, 90), exif=None) -> bytes:
    """A photo as a phone might send it, with EXIF if given."""
    import io

    from PIL import Image

    output = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.save(output, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return output.getvalue()


def make_photo(session: Session, uploaded_by: Membership, caption: str = "Our wall") -> Photo:
    import io

    from voice.images import process_upload

    return voice_services.photo_add(
        session=session,
        uploaded_by=uploaded_by,
        image=process_upload(io.BytesIO(jpeg_bytes())),
        caption=caption,
        alt_text="A wall of yellow sticky notes",
    )


def make_reflection(session: Session, author: Membership, text: str, **fields) -> Reflection:
    fields.setdefault("feeling", "happy")
    return voice_services.reflection_add(session=session, author=author, text=text, **fields)
