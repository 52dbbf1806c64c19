"""The public address of the site, for links that leave the browser: mails, certificate QR codes."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on settings.SITE_URL (in `make run`: the served host and port); absolute URLs pass through."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"
