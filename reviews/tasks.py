from celery import shared_task


@shared_task(name="reviews.tasks.close_public_notices")
def close_public_notices() -> list[str]:
    """Celery beat entry (settings.CELERY_BEAT_SCHEDULE): end notice periods that are over."""
    from reviews.services import notices_close_due

    return notices_close_due()
