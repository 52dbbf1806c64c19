from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import CreditRecord, Department, Organisation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "department", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "groups", "department"]
    search_fields = ["email", "full_name", "organisation__name", "organisation__credit_code"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("个人信息"), {"fields": ["full_name", "phone", "preferred_language", "organisation", "department"]}),
        (_("权限"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("重要日期"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = ["groups"]


class VerifiedFilter(admin.SimpleListFilter):
    title = _("营业执照核验")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("no", _("待核验")), ("yes", _("已核验"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "credit_code",
        "in_beihai",
        "in_nanning_ftz",
        "verified_at",
        "contact_person",
        "contact_phone",
    ]
    list_filter = [VerifiedFilter, "in_beihai", "in_nanning_ftz"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["verified_at", "verified_by", "created_at"]
    actions = ["verify_selected"]

    @admin.action(description=_("已核对营业执照：标记所选单位为已核验"))
    def verify_selected(self, request, queryset):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from accounts.services import organisation_verify

        done = 0
        for organisation in queryset.filter(verified_at__isnull=True):
            try:
                organisation_verify(organisation=organisation, by=request.user, note=_("管理后台核验"))
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
                return
            done += 1
        self.message_user(request, _("已核验%(count)d个单位。") % {"count": done}, messages.SUCCESS)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_zh", "name_en", "city", "consultable"]
    list_filter = ["city", "consultable"]


@admin.register(CreditRecord)
class CreditRecordAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "regulation_code", "application_reference", "recorded_at"]
    search_fields = ["organisation__name", "organisation__credit_code", "application_reference"]
    readonly_fields = ["recorded_at"]
