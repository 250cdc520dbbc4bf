from . import services


def password_notice(request) -> dict:
    """The notice that a facilitator's link changed the person's password, until they have
    read it. Pages of anyone else pay no query for it: the flag is on the user's row."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_password_notice:
        return {}
    return {"password_notice": services.password_notice_links(user)}
