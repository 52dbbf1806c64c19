from django.core.management.base import BaseCommand

from applications.stash import stash_files_clean


class Command(BaseCommand):
    help = "Delete files parked under pending/ in private storage that are older than a day. Idempotent."

    def handle(self, *args, **options):
        removed = stash_files_clean()
        for name in removed:
            self.stdout.write(f"removed {name}")
        self.stdout.write(self.style.SUCCESS(f"{len(removed)} pending file(s) removed"))
