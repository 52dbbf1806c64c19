from celery import shared_task


@shared_task(name="hardening.tasks.clean_pending_uploads")
def clean_pending_uploads() -> list[str]:
    """Celery beat entry (settings.CELERY_BEAT_SCHEDULE): remove stale files under pending/."""
    from applications.stash import stash_files_clean

    return stash_files_clean()
