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


def client_for(client, people, role: str):
    if role == "outsider":
        client.force_login(people.outsider)
    elif role != "anonymous":
        client.force_login(people.member(role).user)
    return client
