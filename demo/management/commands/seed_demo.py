from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts.roles import ROLE_LABELS
from demo.accounts import ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_licences, seed_organisations


class Command(BaseCommand):
    help = "Create the demo organisations, one account per role and applications in several states (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            organisations = seed_organisations()
            users = seed_accounts(organisations)
            seed_licences(organisations, users)
        from demo.applications import seed_applications

        # The demo's notification mails would drown the account list; they are built and counted, not printed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = seed_applications(organisations=organisations, users=users)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if created:
            self.stdout.write(f"Applications created now: {', '.join(created)}")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for account in ACCOUNTS:
            label = "superuser / 系统管理员" if account.superuser else str(ROLE_LABELS.get(account.role, account.role))
            self.stdout.write(f"  {account.email:48} {label}")
