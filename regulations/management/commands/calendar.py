from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regulations import calendar
from regulations.services import CalendarImportError, calendar_import


class Command(BaseCommand):
    help = (
        "The holiday calendar: `calendar import YEAR FILE [--replace]` loads a year's holiday notice (holidays and "
        "adjusted working days, CSV `date,kind,name` or JSON) in one step; `calendar check` lists the years the "
        "deadlines will reach within the warning period that are not loaded (exit status 1 if any)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="load YEAR's holidays and adjusted working days from FILE")
        load.add_argument("year", type=int)
        load.add_argument("file")
        load.add_argument("--replace", action="store_true", help="replace a year that is already loaded")
        load.add_argument("--source", default="", help="the notice the data comes from (e.g. 国办发明电〔2026〕N号)")
        check = sub.add_parser("check", help="years without holiday data that deadlines will reach soon")
        check.add_argument("--days", type=int, default=calendar.WARN_DAYS_AHEAD, help="how many days ahead to look")

    def handle(self, *args, **options):
        if options["action"] == "check":
            return self._check(options["days"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file. Give the path of the CSV or JSON holiday notice.")
        with path.open("rb") as handle:
            try:
                report = calendar_import(
                    year=options["year"], file=handle, by=None, replace=options["replace"], source=options["source"]
                )
            except CalendarImportError as exc:
                raise CommandError("\n".join([f"{path}: nothing imported.", *exc.problems])) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.year}: {report.holidays} holiday(s) and {report.workdays} adjusted working day(s) loaded"
                + (f", {report.replaced} earlier day(s) replaced" if report.replaced else "")
            )
        )

    def _check(self, days: int):
        missing = calendar.missing_years(days_ahead=days)
        if not missing:
            self.stdout.write(self.style.SUCCESS(f"holiday calendar loaded for the next {days} days"))
            return
        for year in missing:
            self.stderr.write(self.style.WARNING(calendar.missing_year_message(year)))
        raise SystemExit(1)
