"""Action cards, rendered once and kept in the fragment cache (workshops.fragments).

An action's card is the same for everyone in the programme, young people included, so its
key is what the card shows: the action's own fields, its owner's name, whether it is late
(which changes with the date, not only with the action) and its latest update.
"""

from workshops import fragments

from .models import Action


def with_fragments(actions: list[Action]) -> list[Action]:
    """The actions (with `owner__user` and `updates` read), each with its HTML in `.html`."""

    def key(action: Action) -> str:
        latest = action.updates.all()[0] if action.updates.all() else None
        shown = (
            action.programme_id,
            action.what,
            action.organisation,
            action.owner.user.name if action.owner else None,
            action.theme,
            action.due_on,
            action.status,
            action.is_overdue,
            (latest.note, latest.at) if latest else None,
        )
        return f"action:{action.pk}:{fragments.digest(repr(shown))}"

    fragments.attach(
        actions,
        template_name="showcases/includes/_action_card.html",
        key=key,
        context=lambda action: {"action": action},
    )
    return actions
