from django.core.management.base import BaseCommand

from benefits.services import REMINDER_DAYS_AHEAD, expiry_reminders_send


class Command(BaseCommand):
    help = f"Tell talents and employers whose recognition ends within {REMINDER_DAYS_AHEAD} days. Idempotent."

    def handle(self, *args, **options):
        reminded = expiry_reminders_send()
        for number in reminded:
            self.stdout.write(f"reminded {number}")
        self.stdout.write(self.style.SUCCESS(f"{len(reminded)} reminder(s) sent"))
