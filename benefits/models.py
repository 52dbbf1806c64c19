from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from benefits import permissions as perms
from benefits import states as rs


class ExpiryReminder(models.Model):
    """One reminder per certificate version that its recognition ends soon: sent once, never twice."""

    certificate = models.OneToOneField(
        "certificates.Certificate", verbose_name=_("认定证书"), on_delete=models.PROTECT, related_name="expiry_reminder"
    )
    valid_until = models.DateField(_("有效期至"))
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True)
    recipients = models.JSONField(_("收件人"), default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.certificate} → {self.valid_until.isoformat()}"


class EmploymentEnd(models.Model):
    """Nanning Art. 11 ¶2: the talent's contract ended without renewal, or the talent left the zone; from
    `effective_on` the recognition no longer gives its benefits. Reported by the employer."""

    class Reason(models.TextChoices):
        CONTRACT_ENDED = "contract-ended", _("劳动合同期满未续签，且不在南宁片区就业")
        RESIGNED = "resigned", _("在有效期内辞职")
        LEFT_ZONE = "left-zone", _("工作调离南宁片区")

    application = models.OneToOneField(
        "applications.Application", verbose_name=_("认定申请"), on_delete=models.PROTECT, related_name="employment_end"
    )
    reason = models.CharField(_("情形"), max_length=20, choices=Reason.choices)
    effective_on = models.DateField(_("发生日期"))
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    reported_by = models.ForeignKey(
        "accounts.User", verbose_name=_("报告人"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("报告时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("离职或调离报告")
        verbose_name_plural = _("离职或调离报告")
        ordering = ["-reported_at"]

    def __str__(self):
        return f"{self.application} {self.reason} {self.effective_on.isoformat()}"


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class ServiceRequest(ConcurrentTransitionMixin, models.Model):
    """A benefit asked for by a certified talent or the employer (Beihai 附件3; Nanning Art. 10), decided by the
    benefit's reviewer role. Its rules (window, materials, quota, once per person) are the Benefit's data."""

    reference = models.CharField(_("编号"), max_length=30, unique=True, editable=False)
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("认定"), on_delete=models.PROTECT, related_name="service_requests"
    )
    benefit = models.ForeignKey(
        "regulations.Benefit", verbose_name=_("待遇"), on_delete=models.PROTECT, related_name="requests"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = FSMField(_("状态"), default=rs.DRAFT, choices=rs.STATE_CHOICES, protected=True, db_index=True)
    other_policy = models.TextField(
        _("已享受的同类待遇"),
        blank=True,
        max_length=2000,
        help_text=_("按“就高不重复”原则：如已按其他政策享受同类待遇，请写明政策和金额（办法第十三条）。"),
    )
    child_enrolment = models.OneToOneField(
        "certificates.ChildEnrolmentRequest",
        verbose_name=_("子女入学申请表"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_request",
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField(_("转送时间"), null=True, blank=True)
    stamped_pdf = models.FileField(storage=_private_storage, upload_to="services/%Y/", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("待遇申请")
        verbose_name_plural = _("待遇申请")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reference

    @property
    def state_label(self) -> str:
        return str(rs.STATE_LABELS.get(self.state, self.state))

    @property
    def is_editable(self) -> bool:
        return self.state in rs.EDITABLE

    def missing_material_codes(self) -> list[str]:
        have = set(self.materials.filter(is_current=True).values_list("material_code", flat=True))
        return [m.code for m in self.benefit.request_materials.all() if m.code not in have]

    def has_required_materials(self) -> bool:
        return not self.missing_material_codes()

    def has_child_rows(self) -> bool:
        if self.benefit.request_form != "child-enrolment":
            return True
        return self.child_enrolment is not None and self.child_enrolment.children.exists()

    @transition(
        field=state,
        source=[rs.DRAFT, rs.RETURNED],
        target=rs.SUBMITTED,
        permission=perms.requester_side,
        conditions=[has_required_materials, has_child_rows],
    )
    def submit(self):
        pass

    @transition(field=state, source=rs.SUBMITTED, target=rs.APPROVED, permission=perms.reviewer)
    def approve(self):
        pass

    @transition(field=state, source=rs.SUBMITTED, target=rs.RETURNED, permission=perms.reviewer)
    def return_for_correction(self):
        pass

    @transition(field=state, source=rs.SUBMITTED, target=rs.REFUSED, permission=perms.reviewer)
    def refuse(self):
        pass

    @transition(field=state, source=rs.APPROVED, target=rs.FORWARDED, permission=perms.reviewer)
    def forward(self):
        pass

    @transition(field=state, source=list(rs.OPEN), target=rs.WITHDRAWN, permission=perms.requester_side)
    def withdraw(self):
        pass


class ServiceMaterial(models.Model):
    """An uploaded file of a service request: random stored name, the original name only here."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="materials")
    material_code = models.SlugField(_("材料类型"), max_length=60)
    file = models.FileField(storage=_private_storage, upload_to="services/materials/%Y/%m/", max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("待遇申请材料")
        verbose_name_plural = _("待遇申请材料")
        ordering = ["material_code", "-uploaded_at"]

    def __str__(self):
        return self.original_name


class ServiceRequestLog(models.Model):
    """One row per state change of a service request: from, to, who, when, why."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="log")
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("待遇申请记录")
        verbose_name_plural = _("待遇申请记录")
        ordering = ["at", "id"]

    @property
    def transition_label(self) -> str:
        return str(rs.TRANSITION_LABELS.get(self.transition, self.transition))
