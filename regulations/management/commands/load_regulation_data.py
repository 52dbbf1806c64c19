from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from regulations.reference import revision_bump
from regulations.seed import load_calendar, load_regulation_data


class Command(BaseCommand):
    help = (
        "Load fixtures/*.json (regulations, criteria, materials, honours, benefits; matched by code) and the "
        "holiday calendar (existing days are kept). The data migrations run the same loaders."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            load_regulation_data(apps)
            load_calendar(apps)
            revision_bump()  # the loaders write some rows in bulk, which sends no signal
        self.stdout.write("regulation data and calendar loaded")
