from django.core.management.base import BaseCommand, CommandError

from regulations import calendar
from regulations.management.commands._dates import parse_date, parse_days


class Command(BaseCommand):
    help = "Calendar-day periods (Civil Code rule): `calendar-days add DATE N` prints the last day of the period."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="N days after DATE, moved to the next working day if it is a holiday")
        add.add_argument("date")
        add.add_argument("n")

    def handle(self, *args, **options):
        try:
            result = calendar.add_calendar_days(parse_date(options["date"], "DATE"), parse_days(options["n"]))
        except calendar.CalendarNotLoaded as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(result.isoformat())
