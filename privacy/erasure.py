"""Taking a person's data away: when they leave a programme, and when their account is
erased, by them or by a facilitator they asked in person.

Each erasure is one transaction: stopped half-way, nothing of it is saved, and asking again
does it all. What they wrote that the group shares (reflections shared with the group,
journey-map cards, ideas, evidence) stays as "a member of the group" or goes, as they chose.
What was theirs alone, or for the facilitators only, goes either way: other reflections,
their timeline, photos, check-outs, answers, dots, the register's marks about them and the
invitation with their name. (The record of a facilitator's looks at others' private words
stays: it is those others' record.) Nothing of anyone else's is changed, and the only record kept is
an Erasure row, with no words of theirs in it.
"""

from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session as BrowserSession
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Invitation, User
from blueprints.models import Evidence, Idea
from packs.models import Pack
from personas.models import Card, CardMerge, JourneyMap
from personas.services import card_merge_undo
from voice.models import Answer, Question, Reflection, Shared
from workshops.middleware import programme_content_changed
from workshops.models import RUNNING_ROLES, Look, Membership, Programme, Session
from workshops.shortcuts import move_on

from .models import Erasure, ErasureKind


class CannotLeave(Exception):
    """The programme would be left with nobody to run it."""


def last_to_run(membership: Membership) -> bool:
    """The only facilitator or co-facilitator of their programme."""
    if membership.role not in RUNNING_ROLES:
        return False
    others = Membership.objects.filter(programme_id=membership.programme_id, role__in=RUNNING_ROLES)
    return not others.exclude(pk=membership.pk).exists()


def _check_can_leave(membership: Membership) -> None:
    if last_to_run(membership):
        raise CannotLeave(
            _(
                "You are the only one who runs %(programme)s. Someone else must run it "
                "before you can leave."
            )
            % {"programme": membership.programme.name}
        )


def built_on(ideas):
    """The ideas the group has built on: a blueprint, a prototype or a vote's result."""
    return ideas.filter(
        Q(blueprints__isnull=False) | Q(prototypes__isnull=False) | Q(vote_results__isnull=False)
    ).distinct()


@transaction.atomic
def membership_erase(
    *,
    membership: Membership,
    keep_shared: bool,
    done_by=None,
    reason: str = "",
    record: bool = True,
) -> None:
    """Take one member out of their programme, with what they added there. Done already
    (asked twice, or again after it was stopped and rolled back), it does nothing more."""
    found = Membership.objects.select_for_update().select_related("programme", "user")
    membership = found.filter(pk=membership.pk).first()
    if membership is None:
        return
    _check_can_leave(membership)
    programme_id = membership.programme_id
    user = membership.user

    _reflections(membership, keep_shared)
    _cards(membership, keep_shared)
    ideas = Idea.objects.filter(author=membership)
    # What the group built on an idea stays, without a name, whatever was chosen.
    if not keep_shared:
        ideas.exclude(pk__in=built_on(ideas).values("pk")).delete()
        Evidence.objects.filter(added_by=membership).delete()
    ideas.update(author=None)
    for question_id in set(
        Answer.objects.filter(member=membership).values_list("question_id", flat=True)
    ):
        Question.objects.filter(pk=question_id).update(answers_version=F("answers_version") + 1)
    Invitation.objects.filter(programme_id=programme_id, accepted_by=user).delete()
    # Their own looks go; a facilitator's looks at others' private words are the record
    # those others are owed, and stay, under the name they had.
    Look.objects.filter(programme_id=programme_id, who=user).exclude(
        role__in=RUNNING_ROLES
    ).delete()
    # A pack may hold their words or photos: made again, without them, when next asked for.
    for pack in Pack.objects.filter(programme_id=programme_id):
        pack.delete()
    # The rest goes with the membership: photos (and their files), the timeline, check-outs,
    # answers, dots, marks in the register, worries they reported and ideas for the guide.
    membership.delete()
    programme_content_changed(Programme.objects.filter(pk=programme_id))
    if record:
        Erasure.objects.create(
            kind=ErasureKind.LEFT,
            user_number=user.pk,
            programme_id=programme_id,
            kept_shared_work=keep_shared,
            by_self=done_by is None or done_by.pk == user.pk,
            done_by=done_by,
            reason=reason,
        )


def _reflections(membership: Membership, keep_shared: bool) -> None:
    reflections = Reflection.objects.filter(author=membership)
    sessions = set(reflections.values_list("session_id", flat=True))
    sessions |= set(membership.photos.values_list("session_id", flat=True))
    if keep_shared:
        shared = reflections.filter(shared=Shared.GROUP, hidden_at__isnull=True)
        shared.update(
            author=None,
            anonymous=True,
            wants_a_chat=False,
            chat_emailed_at=None,
            chat_answered_at=None,
            chat_answered_by=None,
        )
    Reflection.objects.filter(author=membership).delete()
    for session_id in sessions:
        move_on(
            Session.objects.filter(pk=session_id),
            "voice_version",
            "voice_layout_version",
            redraw=True,
        )


def _cards(membership: Membership, keep_shared: bool) -> None:
    cards = Card.objects.filter(author=membership)
    maps = set(cards.values_list("stage__journey_map_id", flat=True))
    merged_away = CardMerge.objects.filter(removed_author=membership, undone_at__isnull=True)
    maps |= set(merged_away.values_list("into__stage__journey_map_id", flat=True))
    if not keep_shared:
        # Their words merged into someone else's card come out of it, where the card still
        # reads as the merge left it.
        for merge in merged_away.select_related("into"):
            if merge.into.text == merge.text_after:
                Card.objects.filter(pk=merge.into_id).update(text=merge.text_before)
        merged_away.delete()
        # A card of theirs that others' cards were merged into gives those back first; one
        # reworded since holds others' words too, and stays without a name.
        holding_others = set()
        for merge in CardMerge.objects.filter(into__author=membership, undone_at__isnull=True):
            if merge.removed_author_id == membership.pk:
                continue
            try:
                card_merge_undo(merge=merge)
            except ValidationError:
                holding_others.add(merge.into_id)
        cards.exclude(pk__in=holding_others).delete()
    cards.update(author=None)
    CardMerge.objects.filter(removed_author=membership).update(removed_author=None)
    for map_id in maps:
        move_on(JourneyMap.objects.filter(pk=map_id), "version", "layout_version", redraw=True)


@transaction.atomic
def account_erase(*, user, keep_shared: bool, done_by=None, reason: str = "") -> None:
    """Erase a person's account and everything of theirs, in every programme they are in."""
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        return  # erased already
    memberships = list(Membership.objects.filter(user=user).select_related("programme"))
    for membership in memberships:
        _check_can_leave(membership)
    for membership in memberships:
        membership_erase(membership=membership, keep_shared=keep_shared, record=False)
    Invitation.objects.filter(accepted_by=user).delete()
    Look.objects.filter(who=user).exclude(role__in=RUNNING_ROLES).delete()
    AccessLog.objects.filter(username=user.username).delete()
    AccessAttempt.objects.filter(username=user.username).delete()
    _end_browser_sessions(user)
    Erasure.objects.create(
        kind=ErasureKind.ACCOUNT,
        user_number=user.pk,
        kept_shared_work=keep_shared,
        by_self=done_by is None or done_by.pk == user.pk,
        done_by=None if done_by is None or done_by.pk == user.pk else done_by,
        reason=reason,
    )
    # Their copy of their data, their entry in Who's who and new-password links go with it.
    user.delete()


def _end_browser_sessions(user) -> None:
    """Sign them out on every device."""
    mine = str(user.pk)
    for browser_session in BrowserSession.objects.filter(expire_date__gt=timezone.now()):
        if browser_session.get_decoded().get("_auth_user_id") == mine:
            browser_session.delete()
