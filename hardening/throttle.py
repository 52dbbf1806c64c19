"""Rate limits for what anyone can trigger: objections, password-reset and invitation mail, registration.

The limits are named scopes in settings.THROTTLE_RATES ({scope: (attempts, seconds)}) and nowhere else.
Counts live in the cache (Redis in production, so every app server shares them; local memory in the
embedded default). A window is fixed, not sliding: simple, and at worst twice the rate at a boundary.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

logger = logging.getLogger("talentportal.security")


class Throttled(Exception):
    def __init__(self, *, scope: str, retry_after: int):
        self.scope = scope
        self.retry_after = retry_after
        minutes = max(1, math.ceil(retry_after / 60))
        self.message = ngettext(
            "尝试次数过多，请于%(minutes)d分钟后再试。",
            "尝试次数过多，请于%(minutes)d分钟后再试。",
            minutes,
        ) % {"minutes": minutes}
        super().__init__(self.message)


def _cache_key(scope: str, key: str, window: int) -> str:
    # Keys may be e-mail addresses or IPs: hash them so no personal data sits in the cache.
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"throttle:{scope}:{window}:{digest}"


def throttle_hit(*, scope: str, key: str) -> None:
    """Count one attempt under `scope` for `key`; raise Throttled when the scope's limit is exceeded."""
    limit, period = settings.THROTTLE_RATES[scope]
    now = int(time.time())
    window = now // period
    cache_key = _cache_key(scope, str(key).lower(), window)
    if cache.add(cache_key, 1, timeout=period):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=period)
            count = 1
    if count > limit:
        logger.warning("throttled scope=%s attempts=%d limit=%d", scope, count, limit)
        raise Throttled(scope=scope, retry_after=period - now % period)
