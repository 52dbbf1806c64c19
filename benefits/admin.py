from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from benefits.models import ExpiryReminder


@admin.register(ExpiryReminder)
class ExpiryReminderAdmin(SimpleHistoryAdmin):
    """A record of what was sent: read-only for everyone."""

    list_display = ["certificate", "valid_until", "sent_at"]
    search_fields = ["certificate__number"]
    readonly_fields = ["certificate", "valid_until", "sent_at", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
