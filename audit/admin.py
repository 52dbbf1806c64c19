from django.contrib import admin

from audit.models import AccessRecord, RoleGrant


class ReadOnlyAdmin(admin.ModelAdmin):
    """The log is evidence: nobody adds, changes or deletes a row, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "user_email", "action", "object_repr", "application_reference", "ip"]
    list_filter = ["action", "at"]
    search_fields = ["user_email", "application_reference", "object_repr", "ip"]
    date_hierarchy = "at"


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "role_code", "role_name", "change", "by"]
    list_filter = ["change", "role_code", "at"]
    search_fields = ["user__email", "role_code", "by__email"]
    date_hierarchy = "at"
