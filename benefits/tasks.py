from celery import shared_task


@shared_task(name="benefits.tasks.send_expiry_reminders")
def send_expiry_reminders() -> list[str]:
    """Celery beat entry (settings.CELERY_BEAT_SCHEDULE): recognitions ending within 60 days."""
    from benefits.services import expiry_reminders_send

    return expiry_reminders_send()
