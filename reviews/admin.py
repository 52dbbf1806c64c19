from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reviews.models import Appeal, AppealOpinion, Consultation, Objection, Revocation, TierOneFiling


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["application", "department", "opinion", "answered_at"]
    list_filter = ["department", "opinion"]
    search_fields = ["application__reference", "application__full_name"]
    readonly_fields = [f.name for f in Consultation._meta.fields]


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "name", "filed_at", "decision"]
    list_filter = ["decision"]
    search_fields = ["application__reference", "application__full_name", "name"]
    readonly_fields = [f.name for f in Objection._meta.fields]


class AppealOpinionInline(admin.TabularInline):
    model = AppealOpinion
    extra = 0
    can_delete = False
    readonly_fields = ["department", "opinion", "comment", "by", "at"]


@admin.register(Appeal)
class AppealAdmin(SimpleHistoryAdmin):
    list_display = ["application", "filed_at", "due_on", "status"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Appeal._meta.fields]
    inlines = [AppealOpinionInline]


@admin.register(Revocation)
class RevocationAdmin(SimpleHistoryAdmin):
    list_display = ["application", "reason_code", "at"]
    readonly_fields = [f.name for f in Revocation._meta.fields]


@admin.register(TierOneFiling)
class TierOneFilingAdmin(SimpleHistoryAdmin):
    list_display = ["application", "hrss_filed_on", "commerce_filed_on", "talent_card_issued_on"]
