from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import get_language

from applications.signals import transition_committed


@receiver(user_logged_in, dispatch_uid="notifications.remember_language")
def remember_language(sender, request, user, **kwargs):
    """The language a user signs in with is the one their mails are written in."""
    from notifications.services import preferred_language_set

    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    if language:
        preferred_language_set(user=user, language=language)


@receiver(transition_committed, dispatch_uid="notifications.tell_parties")
def tell_parties(sender, log_id, **kwargs):
    from notifications.services import notify_transition_after_commit

    notify_transition_after_commit(log_id=log_id)
