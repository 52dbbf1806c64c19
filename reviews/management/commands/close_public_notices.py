from django.core.management.base import BaseCommand

from reviews.notices import notices_close_due


class Command(BaseCommand):
    help = "End the public notices whose period is over (Nanning Art. 7). Safe to run repeatedly."

    def handle(self, *args, **options):
        closed = notices_close_due()
        for reference in closed:
            self.stdout.write(f"recognised {reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(closed)} notice(s) closed"))
