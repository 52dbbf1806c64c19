from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: what was sent to whom, and which mails failed (to resend by hand if needed)."""

    list_display = ["created_at", "kind", "recipient", "email", "language", "must_act", "read_at", "mailed_at"]
    list_filter = ["kind", "must_act", "language"]
    search_fields = ["recipient__email", "email", "application__reference"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
