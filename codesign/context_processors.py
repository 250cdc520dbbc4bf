def programme(request) -> dict:
    """The member's programme on every page behind the access check, for the programme's
    navigation and for templates that ask what the member may do."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {"membership": membership, "programme": membership.programme}
