from django.core.management.base import BaseCommand

from reviews.services import recognitions_expire_due


class Command(BaseCommand):
    help = "Mark recognitions whose certificate validity has run out as expired (Nanning Art. 11). Idempotent."

    def handle(self, *args, **options):
        expired = recognitions_expire_due()
        for reference in expired:
            self.stdout.write(f"expired {reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(expired)} recognition(s) expired"))
