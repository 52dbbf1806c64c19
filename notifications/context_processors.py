from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """`unread_notifications` for the nav; counted only on pages that show it."""
    from notifications.selectors import unread_count

    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
