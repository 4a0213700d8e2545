from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    """The signed-in member's school for the header, read once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_member": False}
    return {
        "nav_is_member": True,
        "nav_is_coordinator": user.is_coordinator or user.is_superuser,
    }
