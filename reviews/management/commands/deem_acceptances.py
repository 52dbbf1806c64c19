from django.core.management.base import BaseCommand

from reviews.services import acceptances_deem_due


class Command(BaseCommand):
    help = (
        "Record as accepted from receipt the files on which no acceptance decision was made within the version's "
        "acceptance period (Beihai Art. 5 with 行政许可法 Art. 32). Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        deemed = acceptances_deem_due()
        for reference in deemed:
            self.stdout.write(f"deemed accepted {reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(deemed)} file(s) deemed accepted"))
