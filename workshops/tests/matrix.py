"""The access matrix's shared parts: who asks, and the answer each must get."""

READERS = ("young_person", "professional", "manager")
RUNNERS = ("co_facilitator", "facilitator")
ROLES = ("anonymous", "outsider", *READERS, *RUNNERS)


def expected(role: str, answers) -> int:
    """answers: (reader's answer, runner's answer), or None where the method is not taken."""
    if answers is None:
        return 405
    if role == "anonymous":
        return 302
    if role == "outsider":
        return 404
    reader, runner = answers
    return runner if role in RUNNERS else reader


def answers(reader, runner, **by_role) -> dict:
    """(GET, POST) answers per member role: readers', runners', and any one role's own."""
    table = {role: reader for role in READERS} | {role: runner for role in RUNNERS}
    return table | by_role


def expected_pair(role: str, table: dict) -> tuple[int, int]:
    """A role's (GET, POST) answers from a table made by answers(). Outside the programme:
    the sign-in page, or 404; a method the view never takes is 405 for everyone."""
    if role == "anonymous":
        return tuple(405 if answer == 405 else 302 for answer in table["facilitator"])
    if role == "outsider":
        return tuple(405 if answer == 405 else 404 for answer in table["facilitator"])
    return table[role]


def client_for(client, people, role: str):
    if role == "outsider":
        client.force_login(people.outsider)
    elif role != "anonymous":
        client.force_login(people.member(role).user)
    return client
