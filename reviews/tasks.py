from celery import shared_task


@shared_task(name="reviews.tasks.close_public_notices")
def close_public_notices() -> list[str]:
    """Celery beat entry (settings.CELERY_BEAT_SCHEDULE): end notice periods that are over."""
    from reviews.notices import notices_close_due

    return notices_close_due()


@shared_task(name="reviews.tasks.expire_recognitions")
def expire_recognitions() -> list[str]:
    """Celery beat entry: recognitions whose certificate validity has run out become expired."""
    from reviews.services import recognitions_expire_due

    return recognitions_expire_due()


@shared_task(name="reviews.tasks.deem_acceptances")
def deem_acceptances() -> list[str]:
    """Celery beat entry: files without an acceptance decision in time are accepted from receipt."""
    from reviews.services import acceptances_deem_due

    return acceptances_deem_due()
