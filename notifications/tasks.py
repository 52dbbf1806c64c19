from celery import shared_task


@shared_task(name="notifications.tasks.notification_mail")
def notification_mail(notification_id: int) -> bool:
    """Mail one notification; failures are recorded on the row (the in-app list still has it)."""
    from notifications.services import notification_mail_send

    return notification_mail_send(notification_id=notification_id)
