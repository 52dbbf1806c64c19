from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from certificates.models import Certificate, CertificateCounter, ChildEnrolmentRequest, EnrolmentChild


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "version", "holder_name", "regulation_code", "valid_from", "valid_until", "issued_on"]
    list_filter = ["regulation_code", "year"]
    search_fields = ["number", "holder_name", "application__reference"]
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False  # issued only through certificates.services.certificate_issue

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CertificateCounter)
class CertificateCounterAdmin(SimpleHistoryAdmin):
    list_display = ["regulation_code", "year", "last_serial"]
    readonly_fields = ["regulation_code", "year", "last_serial"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnrolmentChildInline(admin.TabularInline):
    model = EnrolmentChild
    extra = 0


@admin.register(ChildEnrolmentRequest)
class ChildEnrolmentRequestAdmin(SimpleHistoryAdmin):
    list_display = ["parent_name", "application", "created_at"]
    inlines = [EnrolmentChildInline]
