"""Who looked: a record each time someone opens a page with something sensitive on it
(reflections meant for the facilitators alone, asks for someone to talk to, the members
list). One row a look, naming who, which page and when, and nothing that was on it. Site
staff read them in the admin; members see who has read their reflections for the
facilitators on their account page."""

from .models import Look, LookKind, Membership, Session


def looked(membership: Membership, kind: LookKind, session: Session | None = None) -> None:
    Look.objects.create(
        programme_id=membership.programme_id,
        session=session,
        kind=kind,
        who_id=membership.user_id,
        who_name=membership.user.name,
        role=membership.role,
    )
