from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from regulations import models
from regulations.admin_forms import PARAM_FIELDSET_FIELDS, CriterionForm
from regulations.services import DirectoryImportError, directory_import, regulation_version_copy

CRITERION_FIELDSETS = (
    (None, {"fields": ("code", "tier", "article_ref", "description_zh", "description_en", "materials", "sort_order")}),
    (gettext_lazy("判定参数"), {"fields": PARAM_FIELDSET_FIELDS}),
)


class CriterionInline(admin.StackedInline):
    model = models.Criterion
    form = CriterionForm
    extra = 0
    fieldsets = CRITERION_FIELDSETS
    filter_horizontal = ("materials",)


class CommonMaterialInline(admin.TabularInline):
    model = models.CommonMaterial
    extra = 0


@admin.register(models.Regulation)
class RegulationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name")
    search_fields = ("code",)


@admin.register(models.RegulationVersion)
class RegulationVersionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "regulation", "issued_on", "effective_from", "effective_until")
    list_filter = ("regulation",)
    search_fields = ("code", "title_zh", "title_en")
    inlines = [CommonMaterialInline, CriterionInline]
    actions = ["copy_as_new_version"]

    @admin.action(description=gettext_lazy("复制为新版本（含认定条件和材料）"), permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        from django.utils.html import format_html

        for version in queryset:
            copy = regulation_version_copy(version=version, by=request.user)
            self.log_addition(request, copy, f"Copied from {version.code}")
            url = reverse("admin:regulations_regulationversion_change", args=[copy.pk])
            messages.success(
                request,
                format_html(
                    _('已复制{source}为新版本 <a href="{url}">{code}</a>，自{start}起施行；请核对并修改。'),
                    source=version.code,
                    url=url,
                    code=copy.code,
                    start=copy.effective_from.isoformat(),
                ),
            )


@admin.register(models.Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "version", "tier", "article_ref")
    list_filter = ("version", "tier")
    search_fields = ("code", "description_zh", "description_en")
    filter_horizontal = ("materials",)
    form = CriterionForm
    fieldsets = ((None, {"fields": ("version",)}), *CRITERION_FIELDSETS)


@admin.register(models.MaterialType)
class MaterialTypeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_zh", "name_en", "filled_online")
    search_fields = ("code", "name_zh", "name_en")


@admin.register(models.CommonMaterial)
class CommonMaterialAdmin(SimpleHistoryAdmin):
    list_display = ("version", "material")
    list_filter = ("version",)


@admin.register(models.Honour)
class HonourAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_zh", "name_en", "needs_judgement")


@admin.register(models.TalentLevel)
class TalentLevelAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_zh", "name_en")


@admin.register(models.ForeignAClassItem)
class ForeignAClassItemAdmin(SimpleHistoryAdmin):
    list_display = ("number", "label", "name_zh", "name_en")


class BenefitQuotaInline(admin.TabularInline):
    model = models.BenefitQuota
    extra = 1


@admin.register(models.Benefit)
class BenefitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "regulation", "title_zh", "requestable", "office", "phone")
    list_filter = ("regulation", "requestable")
    search_fields = ("code", "title_zh", "title_en", "office")
    filter_horizontal = ("request_materials",)
    inlines = [BenefitQuotaInline]


@admin.register(models.Disqualification)
class DisqualificationAdmin(SimpleHistoryAdmin):
    list_display = ("document_number", "full_name", "regulation_code", "reason_code", "recorded_at")
    list_filter = ("regulation_code", "reason_code")
    search_fields = ("document_number", "full_name", "application_reference")


@admin.register(models.CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind",)
    search_fields = ("name", "source")
    date_hierarchy = "date"


class CalendarImportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=gettext_lazy("节假日安排文件（CSV 或 JSON）"),
        help_text=gettext_lazy(
            "CSV 第一行为表头 date,kind,name（或 日期,类型,名称）；kind 填 holiday（放假）或 workday（调休上班）；"
            "连续放假可写成 2027-02-05..2027-02-11。包括广西“壮族三月三”两天。"
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("依据（通知文号）"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("例如：国办发明电〔2026〕N号"),
    )
    replace = forms.BooleanField(label=gettext_lazy("替换该年度已载入的日历"), required=False)


@admin.register(models.CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ("year", "source")
    change_list_template = "regulations/admin/calendar_changelist.html"

    def get_urls(self):
        own = [path("import/", self.admin_site.admin_view(self.import_view), name="regulations_calendaryear_import")]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        from regulations import calendar

        for year in calendar.missing_years():
            messages.warning(request, calendar.missing_year_message(year))
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        from regulations.services import CalendarImportError, calendar_import

        if not self.has_add_permission(request) or not self.has_change_permission(request):
            messages.error(request, _("您没有导入节假日日历的权限。"))
            return redirect(reverse("admin:regulations_calendaryear_changelist"))
        form = CalendarImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                report = calendar_import(
                    year=data["year"],
                    file=data["file"],
                    by=request.user,
                    replace=data["replace"],
                    source=data["source"],
                )
            except CalendarImportError as exc:
                problems = exc.problems
            else:
                year = models.CalendarYear.objects.get(year=report.year)
                self.log_change(request, year, f"Imported {report.holidays} holidays, {report.workdays} working days")
                messages.success(
                    request,
                    _("%(year)s 年日历已导入：放假 %(h)s 天，调休上班 %(w)s 天。")
                    % {"year": report.year, "h": report.holidays, "w": report.workdays},
                )
                for warning in report.warnings:
                    messages.warning(request, warning)
                return redirect(reverse("admin:regulations_calendaryear_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("导入年度节假日安排"),
            "form": form,
            "problems": problems,
        }
        return render(request, "regulations/admin/calendar_import.html", context, status=400 if problems else 200)


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV 或 XLSX 文件"),
        help_text=gettext_lazy(
            "第一行为表头：企业名称、统一社会信用代码、纳入名录日期、移出名录日期（可空）；"
            "也可用 name、credit_code、joined_on、left_on。按统一社会信用代码新增或更新。"
        ),
    )


@admin.register(models.DirectoryEnterprise)
class DirectoryEnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "joined_on", "left_on")
    search_fields = ("name", "credit_code")
    list_filter = ("left_on",)
    change_list_template = "regulations/admin/directory_changelist.html"

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="regulations_directoryenterprise_import",
            )
        ]
        return own + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            messages.error(request, _("您没有导入企业名录的权限。"))
            return redirect(reverse("admin:regulations_directoryenterprise_changelist"))
        report = None
        form = DirectoryImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = directory_import(file=form.cleaned_data["file"], by=request.user)
            except DirectoryImportError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(
                    request,
                    _("导入完成：新增 %(c)s 家，更新 %(u)s 家，未变化 %(n)s 家，拒绝 %(r)s 行。")
                    % {"c": report.created, "u": report.updated, "n": report.unchanged, "r": len(report.rejected)},
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("导入急需紧缺人才企业名录"),
            "form": form,
            "report": report,
        }
        return render(request, "regulations/admin/directory_import.html", context)
