import json
import sys

from django.core.management.base import BaseCommand

from regulations.eligibility import evaluate
from regulations.facts import FactsError

EXIT_ELIGIBLE, EXIT_NOT_ELIGIBLE, EXIT_BAD_INPUT = 0, 1, 2


class Command(BaseCommand):
    help = (
        "Check eligibility facts (JSON of spec §5) from FILE, or '-' for stdin. Prints the answer JSON; exits 0 if "
        "eligible, 1 if not eligible, 2 for bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the facts JSON, or - for stdin")
        parser.add_argument("--language", default="zh-hans", choices=["zh-hans", "en"], help="language of the reasons")

    def _fail(self, message: str):
        self.stderr.write(f"error: {message}")
        sys.exit(EXIT_BAD_INPUT)

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(f"cannot read {path}: {exc}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._fail(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        try:
            # Run on the server by an operator, who may see the register.
            answer = evaluate(data, language=options["language"], consult_register=True)
        except FactsError as exc:
            self._fail(exc.message)
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
        sys.exit(EXIT_ELIGIBLE if answer["eligible"] else EXIT_NOT_ELIGIBLE)
