"""Small page helpers that views in every app use."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_remove(
    request: HttpRequest, *, thing: str, consequence: str, cancel_url: str
) -> HttpResponse:
    """Ask before removing something: the GET half of a view whose POST removes it."""
    return render(
        request,
        "workshops/confirm_remove.html",
        {"thing": thing, "consequence": consequence, "cancel_url": cancel_url},
    )
