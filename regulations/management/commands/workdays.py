from django.core.management.base import BaseCommand, CommandError

from regulations import calendar
from regulations.management.commands._dates import parse_date, parse_days


class Command(BaseCommand):
    help = "Working days: `workdays add DATE N` prints the N-th working day after DATE; `workdays between A B` counts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="the N-th working day after DATE (DATE itself does not count)")
        add.add_argument("date")
        add.add_argument("n")
        between = sub.add_parser("between", help="working days after A up to and including B")
        between.add_argument("start")
        between.add_argument("end")

    def handle(self, *args, **options):
        try:
            if options["action"] == "add":
                result = calendar.add_working_days(parse_date(options["date"], "DATE"), parse_days(options["n"]))
                self.stdout.write(result.isoformat())
            else:
                start, end = parse_date(options["start"], "A"), parse_date(options["end"], "B")
                self.stdout.write(str(calendar.working_days_between(start, end)))
        except calendar.CalendarNotLoaded as exc:
            raise CommandError(exc.message) from None
