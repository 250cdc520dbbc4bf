"""The voice of the group on the session pages: reflections and their moderation, photos,
check-out answers, what waits for the facilitators, and the language guide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from codesign.idle import background_poll
from workshops.access import get_session, programme_view
from workshops.looks import looked
from workshops.models import LookKind, Membership, Session
from workshops.selectors import language_matches
from workshops.shortcuts import (
    back_to_what_was_said,
    confirm_remove,
    next_url,
    poll_ask,
    say_there,
)

from . import selectors, services
from .access import (
    get_language_term,
    get_open_suggestion,
    get_photo,
    get_question,
    get_reflection,
)
from .forms import (
    AnswerForm,
    CheckOutForm,
    HideForm,
    LanguageSuggestionForm,
    PhotoEditForm,
    PhotoForm,
    QuestionForm,
    ReflectionForm,
    ReportForm,
)
from .models import (
    Answer,
    CheckOut,
    LanguageSuggestion,
    Reflection,
    ReflectionReport,
    SuggestionStatus,
)
from .selectors import (
    PER_PAGE,
    as_seen_by,
    checkout_summary,
    hides_name,
    photos_for,
    reflections_for,
    voice_changes,
    voice_context,
)


def _reflection_saved(
    request, membership: Membership, session: Session, text: str, message: str
) -> HttpResponse:
    """Back to the reflections, thanked, with a word about any listed word in `text`."""
    say_there(request, message, "reflections")
    _language_note(request, membership, text)
    return back_to_what_was_said(session.get_absolute_url(), "reflections")


def _language_note(request, membership: Membership, text: str) -> None:
    """After saving, a gentle word about any listed word; what was written stays as it is."""
    for term in language_matches(text, membership.programme.language_guide.all()):
        say_there(
            request,
            _(
                "You wrote “%(avoid)s”. Many people prefer “%(instead)s”. "
                "You can change it if you like."
            )
            % {"avoid": term.avoid, "instead": term.instead},
            "reflections",
            messages.INFO,
        )


def _to_voice(request, session: Session, message: str, place: str = "reflections") -> HttpResponse:
    """Back to the session page, at `message`, said under the section `place`."""
    say_there(request, message, place)
    return back_to_what_was_said(session.get_absolute_url(), place)


@background_poll
@require_GET
@programme_view()
def session_voice(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """For the session page's polling: 204 while nothing has changed since the version shown;
    the new reflections and photos alone when nothing else has changed; else all of them."""
    found = Session.objects.in_programme(membership.programme_id).filter(pk=session_id)
    ask = poll_ask(request, found, "voice_version", "voice_layout_version")
    if ask.nothing_new:
        return HttpResponse(status=204)
    session = get_session(membership, session_id)
    if ask.changes_alone:
        changes = voice_changes(membership, session, ask.shown, ask.version)
        if changes is not None:
            return render(request, "voice/includes/_voice_changes.html", changes)
    return render(request, "voice/includes/_voice.html", voice_context(membership, session))


@require_GET
@programme_view()
def session_reflections(
    request: HttpRequest, membership: Membership, session_id: int
) -> HttpResponse:
    """Every reflection on the session this member may see, newest first, a page at a time."""
    session = get_session(membership, session_id)
    page = Paginator(reflections_for(membership, session), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = as_seen_by(page.object_list, membership)
    if membership.runs_programme and any(not r.is_shared for r in page.object_list):
        looked(membership, LookKind.PRIVATE_REFLECTIONS, session)
    return render(
        request,
        "voice/session_reflections.html",
        {"session": session, "page": page, "reflections": page.object_list},
    )


@require_GET
@programme_view()
def session_photos(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    """Every photo of the session, newest first, a page at a time."""
    session = get_session(membership, session_id)
    page = Paginator(photos_for(session), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/session_photos.html",
        {"session": session, "page": page, "photos": page.object_list},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    if request.method == "POST":
        form = ReflectionForm(request.POST, programme_id=membership.programme_id)
    else:
        form = ReflectionForm(
            programme_id=membership.programme_id, hide_name=hides_name(membership)
        )
    if form.is_valid():
        services.reflection_add(session=session, author=membership, **form.cleaned_data)
        return _reflection_saved(
            request,
            membership,
            session,
            form.cleaned_data["text"],
            _("Thank you. Your reflection is saved."),
        )
    return render(
        request,
        "voice/reflection_form.html",
        {"session": session, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_edit(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id, own=True)
    form = ReflectionForm(
        request.POST or None, instance=reflection, programme_id=membership.programme_id
    )
    if form.is_valid():
        services.reflection_edit(reflection=reflection, **form.cleaned_data)
        return _reflection_saved(
            request, membership, session, form.cleaned_data["text"], _("Your reflection is saved.")
        )
    return render(
        request,
        "voice/reflection_form.html",
        {"session": session, "form": form, "reflection": reflection},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_delete(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id, own=True)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=_("your reflection"),
            consequence=_("It will be gone for good, for you and for everyone."),
            cancel_url=f"{session.get_absolute_url()}#reflections",
        )
    services.reflection_delete(reflection=reflection)
    return _to_voice(request, session, _("Your reflection is removed."))


@require_http_methods(["GET", "POST"])
@programme_view()
def reflection_report(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    if reflection.author_id == membership.pk:
        raise Http404  # your own words are yours to change or remove
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.reflection_report(
            reflection=reflection, reporter=membership, reason=form.cleaned_data["reason"]
        )
        thanks = _("Thank you for telling us. A facilitator will look at it soon.")
        return _to_voice(request, session, thanks)
    return render(
        request,
        "voice/reflection_report.html",
        {"session": session, "reflection": reflection, "form": form},
    )


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def reflection_hide(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    form = HideForm(request.POST or None)
    if form.is_valid():
        services.reflection_hide(
            reflection=reflection, by=membership, reason=form.cleaned_data["hidden_reason"]
        )
        messages.success(request, _("The reflection is hidden. Its writer can still see it."))
        return _back_to(request, session)
    return render(
        request,
        "voice/reflection_hide.html",
        {"session": session, "reflection": reflection, "form": form},
    )


def _back_to(request: HttpRequest, session: Session):
    """Back to the page the facilitator came from: the session, or what is waiting."""
    return redirect(next_url(request, default=f"{session.get_absolute_url()}#reflections"))


# A facilitator's one-click answers to a reflection: what each does, and what it says.
REFLECTION_ACTIONS = {
    "restore": (
        lambda reflection, by: services.reflection_restore(reflection=reflection),
        gettext_lazy("The reflection is back."),
    ),
    "keep": (
        lambda reflection, by: services.reports_dismiss(reflection=reflection),
        gettext_lazy("The reflection stays, and the reports are closed."),
    ),
    "talked": (
        lambda reflection, by: services.chat_answered(reflection=reflection, by=by),
        gettext_lazy("Marked as talked to. Thank you."),
    ),
}


@require_POST
@programme_view(runs=True)
def reflection_action(
    request: HttpRequest, membership: Membership, session_id: int, reflection_id: int, action: str
) -> HttpResponse:
    session = get_session(membership, session_id)
    reflection = get_reflection(membership, session, reflection_id)
    act, said = REFLECTION_ACTIONS[action]
    act(reflection, membership)
    messages.success(request, said)
    return _back_to(request, session)


@require_GET
@programme_view(runs=True)
def attention(request: HttpRequest, membership: Membership) -> HttpResponse:
    """What waits for the facilitators: requests for a chat, and reported reflections."""
    reflections = Reflection.objects.in_programme(membership.programme_id).select_related(
        "author__user", "session__workshop"
    )
    chats = reflections.filter(wants_a_chat=True, chat_answered_at__isnull=True).order_by(
        "created_at"
    )
    open_reports = ReflectionReport.objects.filter(resolved_at__isnull=True)
    reported = (
        reflections.filter(hidden_at__isnull=True, reports__in=open_reports)
        .distinct()
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("created_at")
    )
    looked(membership, LookKind.CHATS)
    return render(
        request,
        "voice/attention.html",
        {"chats": chats, "reported": reported},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_add(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        services.photo_add(
            session=session,
            uploaded_by=membership,
            image=form.cleaned_data["upload"],
            caption=form.cleaned_data["caption"],
            alt_text=form.cleaned_data["alt_text"],
        )
        return _to_voice(request, session, _("Thank you. Your photo is added."), "photos")
    return render(request, "voice/photo_form.html", {"session": session, "form": form})


@require_GET
@programme_view()
def photo_file(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int, size: str
) -> HttpResponse:
    """Photos are never public: each one is sent through here, to members only."""
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id)
    stored = photo.thumbnail if size == "thumbnail" else photo.image
    try:
        file = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type=photo.content_type)
    # Kept by no cache, not even the member's own browser: a shared laptop keeps no photo.
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = "inline"
    return response


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_edit(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id, changing=True)
    form = PhotoEditForm(request.POST or None, instance=photo)
    if form.is_valid():
        services.photo_edit(photo=photo, **form.cleaned_data)
        return _to_voice(request, session, _("Photo saved."), "photos")
    return render(
        request,
        "voice/photo_form.html",
        {"session": session, "form": form, "photo": photo},
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def photo_delete(
    request: HttpRequest, membership: Membership, session_id: int, photo_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    photo = get_photo(membership, session, photo_id, changing=True)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=photo.caption or _("this photo"),
            consequence=_("The photo will be gone for good."),
            cancel_url=f"{session.get_absolute_url()}#photos",
        )
    services.photo_delete(photo=photo)
    return _to_voice(request, session, _("The photo is removed."), "photos")


@require_POST
@programme_view()
def checkout(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    existing = CheckOut.objects.filter(session=session, membership=membership).first()
    form = CheckOutForm(request.POST, instance=existing)
    if form.is_valid():
        services.checkout_save(session=session, membership=membership, **form.cleaned_data)
        return _to_voice(
            request, session, _("Thank you for telling us how today went."), "check-out"
        )
    return render(request, "voice/checkout_form.html", {"session": session, "form": form})


@require_GET
@programme_view()
def feedback(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Check-out answers for each session and for the whole programme, without names. The
    check-out form tells everyone that facilitators and managers see them: so they do."""
    if not membership.runs_or_manages:
        raise PermissionDenied
    checkouts = list(CheckOut.objects.in_programme(membership.programme_id))
    sessions = Session.objects.in_programme(membership.programme_id).select_related("workshop")
    by_session = [
        (session, checkout_summary(c for c in checkouts if c.session_id == session.pk))
        for session in sessions
    ]
    only = request.GET.get("session")
    if only:
        by_session = [
            (session, summary) for session, summary in by_session if str(session.pk) == only
        ]
    return render(
        request,
        "voice/feedback.html",
        {
            "overall": checkout_summary(checkouts),
            "by_session": by_session,
            "only_one": bool(only),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def language_guide(request: HttpRequest, membership: Membership) -> HttpResponse:
    programme = membership.programme
    form = LanguageSuggestionForm(request.POST or None, programme=programme)
    if form.is_valid():
        services.language_suggest(suggested_by=membership, **form.cleaned_data)
        if membership.runs_programme:
            messages.success(request, _("The language guide is updated."))
        else:
            messages.success(request, _("Thank you. A facilitator will look at your idea."))
        return redirect("voice:language-guide", programme.pk)
    suggestions = LanguageSuggestion.objects.in_programme(programme).select_related(
        "term", "suggested_by__user"
    )
    if membership.runs_programme:
        suggestions = suggestions.filter(status=SuggestionStatus.OPEN)
    else:
        suggestions = suggestions.filter(suggested_by=membership)
    return render(
        request,
        "voice/language_guide.html",
        {
            "terms": programme.language_guide.all(),
            "suggestions": suggestions,
            "form": form,
        },
    )


@require_POST
@programme_view(runs=True)
def language_accept(
    request: HttpRequest, membership: Membership, suggestion_id: int
) -> HttpResponse:
    suggestion = get_open_suggestion(membership, suggestion_id)
    services.language_accept(suggestion=suggestion, by=membership)
    messages.success(request, _("“%(avoid)s” is in the guide.") % {"avoid": suggestion.avoid})
    return redirect("voice:language-guide", membership.programme_id)


@require_POST
@programme_view(runs=True)
def language_decline(
    request: HttpRequest, membership: Membership, suggestion_id: int
) -> HttpResponse:
    suggestion = get_open_suggestion(membership, suggestion_id)
    services.language_decline(suggestion=suggestion, by=membership)
    messages.success(request, _("The suggestion is not added."))
    return redirect("voice:language-guide", membership.programme_id)


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def language_delete(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    term = get_language_term(membership, term_id)
    if request.method == "GET":
        return confirm_remove(
            request,
            thing=term.avoid,
            consequence=_("Forms will no longer suggest another word for it."),
            cancel_url=reverse("voice:language-guide", args=[membership.programme_id]),
        )
    term.delete()
    messages.success(request, _("Removed “%(avoid)s”.") % {"avoid": term.avoid})
    return redirect("voice:language-guide", membership.programme_id)


# --- Quick questions ---


def _session_now(session: Session) -> str:
    return session.get_absolute_url() + "#now"


@require_http_methods(["GET", "POST"])
@programme_view(runs=True)
def question_ask(request: HttpRequest, membership: Membership, session_id: int) -> HttpResponse:
    session = get_session(membership, session_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_ask(session=session, by=membership, **form.cleaned_data)
        return redirect(next_url(request, _session_now(session)))
    return render(
        request,
        "voice/question_form.html",
        {"session": session, "form": form, "next": next_url(request, "")},
    )


@require_POST
@programme_view(runs=True)
def question_close(
    request: HttpRequest, membership: Membership, session_id: int, question_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    services.question_close(question=get_question(session, question_id))
    return redirect(next_url(request, _session_now(session)))


@require_POST
@programme_view()
def question_answer(
    request: HttpRequest, membership: Membership, session_id: int, question_id: int
) -> HttpResponse:
    session = get_session(membership, session_id)
    question = get_question(session, question_id)
    form = AnswerForm(request.POST, question=question)
    if not form.is_valid():
        say_there(
            request,
            _("Type a few words, or choose an answer, then send it."),
            "question",
            level=messages.ERROR,
        )
    else:
        try:
            services.answer_give(question=question, member=membership, **form.cleaned_data)
        except services.AnswerRefused as refusal:
            say_there(request, str(refusal), "question", level=messages.ERROR)
        else:
            say_there(request, _("Thank you. Your answer is in, without your name."), "question")
    return back_to_what_was_said(session.get_absolute_url(), "question")


@require_GET
@programme_view()
def question_results(
    request: HttpRequest, membership: Membership, session_id: int, question_id: int
) -> HttpResponse:
    """The answers so far, for the projector's poll: an empty 204 while nothing changed."""
    question = get_question(get_session(membership, session_id), question_id)
    seen = request.GET.get("v", "")
    if seen.isdecimal() and int(seen) == question.answers_version:
        return HttpResponse(status=204)
    return render(
        request,
        "voice/includes/_question_results.html",
        {"question": question, "results": selectors.question_results(question)},
    )


@require_GET
@programme_view(runs=True)
def question_detail(
    request: HttpRequest, membership: Membership, session_id: int, question_id: int
) -> HttpResponse:
    """For the facilitator: every answer in words, each with a button to hide it."""
    session = get_session(membership, session_id)
    question = get_question(session, question_id)
    answers = list(question.answers.order_by("-answered_at"))
    return render(
        request,
        "voice/question_detail.html",
        {
            "session": session,
            "question": question,
            "answers": answers,
            "results": selectors.question_results(question, answers),
        },
    )


@require_POST
@programme_view(runs=True)
def answer_hide(
    request: HttpRequest, membership: Membership, session_id: int, question_id: int, answer_id
) -> HttpResponse:
    question = get_question(get_session(membership, session_id), question_id)
    answer = get_object_or_404(Answer, id=answer_id, question=question)
    services.answer_hide(answer=answer)
    messages.success(request, _("That answer is hidden. Nobody sees it now."))
    return redirect(
        reverse("voice:question-detail", args=[membership.programme_id, session_id, question.pk])
    )
