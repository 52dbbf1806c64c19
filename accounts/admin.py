from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import CreditRecord, Department, Organisation, OrganisationLicence, User


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


def _licence_link(licence):
    """The file through the portal's download view: it checks the reader and writes the access log."""
    if licence is None:
        return "—"
    # The whole line is the link: a link inside other text would be told apart by colour only (axe).
    return format_html(
        '<a href="{}">{} · {} · {}</a>',
        reverse("accounts:organisation_licence_download", args=[licence.pk]),
        licence.original_name,
        licence.short_sha256,
        timezone.localtime(licence.uploaded_at).strftime("%Y-%m-%d"),
    )


class LicenceInline(admin.TabularInline):
    """What the organisation has put on file; uploaded by its employer users, never here."""

    model = OrganisationLicence
    fields = ["download", "content_type", "size", "is_current", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("营业执照（含已替换的）")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("文件"))
    def download(self, licence):
        return _licence_link(licence)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "credit_code",
        "in_beihai",
        "in_nanning_ftz",
        "licence",
        "verified_at",
        "contact_person",
        "contact_phone",
    ]
    list_filter = [VerifiedFilter, "in_beihai", "in_nanning_ftz"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["verified_at", "verified_by", "verification_note", "created_at"]
    inlines = [LicenceInline]
    actions = ["verify_selected"]

    @admin.display(description=_("营业执照"))
    def licence(self, organisation):
        return _licence_link(organisation.current_licence())

    @admin.action(description=_("已核对营业执照：标记所选单位为已核验"))
    def verify_selected(self, request, queryset):
        """One organisation at a time: each is verified or refused on its own, and said which and why."""
        from accounts.services import organisation_verify

        done = 0
        for organisation in queryset.order_by("name"):
            if organisation.is_verified:
                self.message_user(
                    request, gettext("“%(name)s”此前已核验，未改动。") % {"name": organisation.name}, messages.INFO
                )
                continue
            try:
                organisation_verify(organisation=organisation, by=request.user, request=request)
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("“%(name)s”未核验：%(reason)s") % {"name": organisation.name, "reason": error.messages[0]},
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(request, gettext("已核验%(count)d个单位。") % {"count": done}, messages.SUCCESS)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_zh", "name_en", "city", "consultable"]
    list_filter = ["city", "consultable"]


@admin.register(CreditRecord)
class CreditRecordAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "regulation_code", "application_reference", "recorded_at"]
    search_fields = ["organisation__name", "organisation__credit_code", "application_reference"]
    readonly_fields = ["recorded_at"]
