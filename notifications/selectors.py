from notifications.models import Notification


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related("application")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
