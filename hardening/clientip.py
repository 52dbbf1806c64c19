"""The client's address, the one way: axes (login lockout) and every throttle ask `client_ip()`.

Behind the documented reverse proxy REMOTE_ADDR is the proxy's own address, so every visitor would share
one address and five wrong passwords from anywhere would lock an account for everyone. Each trusted proxy
appends the address it saw to X-Forwarded-For, so the client is the entry TRUSTED_PROXY_COUNT places from
the right; anything further left was written by the client and is not believed. Without a trusted proxy
the header is ignored altogether, or a client could pose as any address it likes.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < proxies:
        # The request did not pass through all our proxies (e.g. a health check on the app server itself).
        return remote
    return _valid(chain[-proxies]) or remote
