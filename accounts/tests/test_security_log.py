"""Every failed sign-in and every lockout is logged with a hashed username, never the
password or the username itself."""

import logging

from django.urls import reverse

from accounts.security import hashed_username


def _security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "codesign.security"]


def test_each_failed_sign_in_is_logged_without_the_username_or_password(client, people, caplog):
    username = people.young_person.user.username
    with caplog.at_level(logging.INFO, logger="codesign.security"):
        for password in ("wrong-once", "wrong-twice"):
            client.post(reverse("login"), {"username": username, "password": password})

    lines = _security_lines(caplog)
    assert lines == [f"Sign-in failed for user {hashed_username(username)}."] * 2
    assert all(username not in line and "wrong" not in line for line in lines)
    assert all(r.created > 0 for r in caplog.records if r.name == "codesign.security")


def test_a_lockout_is_logged(client, people, caplog):
    username = people.young_person.user.username
    with caplog.at_level(logging.INFO, logger="codesign.security"):
        for _ in range(5):
            client.post(reverse("login"), {"username": username, "password": "wrong"})

    hashed = hashed_username(username)
    lines = _security_lines(caplog)
    assert lines.count(f"Sign-in failed for user {hashed}.") == 5
    assert lines.count(f"Sign-in locked for user {hashed} after repeated failures.") == 1


def test_a_right_password_logs_nothing(client, people, caplog):
    people.young_person.user.set_password("a-long-test-password")
    people.young_person.user.save()
    with caplog.at_level(logging.INFO, logger="codesign.security"):
        client.post(
            reverse("login"),
            {"username": people.young_person.user.username, "password": "a-long-test-password"},
        )

    assert _security_lines(caplog) == []


def test_the_same_username_hashes_alike_whatever_its_case():
    assert hashed_username("Kayla") == hashed_username(" kayla ") != hashed_username("reece")
    assert len(hashed_username("kayla")) == 16
