"""What staff do to an application besides moving its state: consultations, objections, appeals,
revocations and the Nanning Tier I filing. State changes themselves live in applications (the FSM)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations.policies.vocabularies import MisconductReason, ObjectionDecision


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


AGREE = "agree"
DISAGREE = "disagree"
OPINION_CHOICES = [(AGREE, _("同意")), (DISAGREE, _("不同意"))]


class Consultation(models.Model):
    """Beihai Art. 5: SciTech asks a department for its opinion; the department's user answers once."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="consultations")
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("征求意见部门"), on_delete=models.PROTECT, related_name="consultations"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("征求时间"), auto_now_add=True)
    note = models.TextField(_("征求说明"), blank=True)
    opinion = models.CharField(_("意见"), max_length=10, choices=OPINION_CHOICES, blank=True)
    comment = models.TextField(_("具体意见"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("部门意见征求")
        verbose_name_plural = _("部门意见征求")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "department"], name="one_consultation_per_department")
        ]
        # A department's queue: its requests, open or answered, by application (read from the index alone).
        indexes = [
            models.Index(fields=["department", "answered_at", "application"], name="consultation_department_idx")
        ]

    def __str__(self):
        return f"{self.application.reference} · {self.department.code}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


PENDING = ObjectionDecision.PENDING
UPHELD = ObjectionDecision.UPHELD
NOT_AFFECTING = ObjectionDecision.NOT_AFFECTING
DISMISSED = ObjectionDecision.DISMISSED


class Objection(models.Model):
    """Nanning Art. 7: anyone may object during the public notice; the committee verifies and decides.

    `decision` is empty while pending; a pending or upheld objection keeps the notice from closing.
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="objections")
    # The number the objector is given to refer to the objection (e.g. NN-O-20261204-7F3A2C).
    reference = models.CharField(_("异议编号"), max_length=40, unique=True, null=True, editable=False)
    name = models.CharField(_("异议人姓名"), max_length=120)
    contact = models.CharField(_("联系方式"), max_length=200)
    reason = models.TextField(_("异议事由"), max_length=4000)
    evidence = models.FileField(
        _("证明材料"), storage=_private_storage, upload_to="objections/%Y/%m/", max_length=200, blank=True
    )
    evidence_name = models.CharField(_("证明材料原文件名"), max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=60, blank=True)
    evidence_size = models.PositiveIntegerField(null=True, blank=True)
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    decision = models.CharField(
        _("核实结论"), max_length=16, choices=ObjectionDecision.choices, blank=True, default=PENDING
    )
    decision_reason = models.TextField(_("核实情况及理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["filed_at", "id"]

    def __str__(self):
        return f"{self.reference or self.application.reference} · {self.name}"

    @property
    def is_pending(self) -> bool:
        return self.decision == PENDING

    def save(self, *args, **kwargs):
        if not self.reference:
            prefix = self.application.policy.reference_prefix
            self.reference = f"{prefix}-O-{timezone.localdate():%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"
        super().save(*args, **kwargs)


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("复核中")
    UPHELD = "upheld", _("维持原结果")
    OVERTURNED = "overturned", _("撤销原结果，予以认定")


APPEAL_PENDING = AppealStatus.PENDING
APPEAL_UPHELD = AppealStatus.UPHELD
APPEAL_OVERTURNED = AppealStatus.OVERTURNED
APPEAL_OPINIONS = [(APPEAL_UPHELD, _("维持原结果")), (APPEAL_OVERTURNED, _("撤销原结果"))]


class Appeal(models.Model):
    """Beihai Art. 13(3): the employer's written request for re-review of a refusal.

    The refusal stays in force while the appeal runs; an overturned refusal leads to recognition.
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="appeals")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    grounds = models.TextField(_("复核理由"), max_length=6000)
    result_received_on = models.DateField(_("收到原结果日期"))
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    due_unknown_reason = models.CharField(_("期限无法计算的原因"), max_length=200, blank=True)
    status = models.CharField(_("复核状态"), max_length=12, choices=AppealStatus.choices, default=APPEAL_PENDING)
    answer = models.TextField(_("复核答复"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("复核申请")
        verbose_name_plural = _("复核申请")
        ordering = ["-filed_at"]

    def __str__(self):
        return f"{self.application.reference} · {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == APPEAL_PENDING


class AppealOpinion(models.Model):
    """One department's opinion in the joint re-review."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="opinions")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField(_("意见"), max_length=12, choices=APPEAL_OPINIONS)
    comment = models.TextField(_("具体意见"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("复核部门意见")
        verbose_name_plural = _("复核部门意见")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["appeal", "department"], name="one_appeal_opinion_per_dept")]


class Revocation(models.Model):
    """Why a recognition was revoked, and what followed (disqualification, the employer's credit record)."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="revocation")
    reason_code = models.SlugField(_("取消原因"), max_length=40, choices=MisconductReason.choices)
    reason = models.TextField(_("事实与理由"))
    disqualification = models.ForeignKey(
        "regulations.Disqualification", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    credit_record = models.ForeignKey(
        "accounts.CreditRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("取消认定")
        verbose_name_plural = _("取消认定")


class FraudFinding(models.Model):
    """Fraud found while the file was under review (Beihai Art. 13(一)(二); Nanning Art. 12(一)): the refusal
    and what followed — the person disqualified, the employer's credit record. Staff choose each, never preset."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="fraud_finding"
    )
    reason_code = models.SlugField(_("弄虚作假情形"), max_length=40, choices=MisconductReason.choices)
    reason = models.TextField(_("事实与理由"))
    disqualification = models.ForeignKey(
        "regulations.Disqualification", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    credit_record = models.ForeignKey(
        "accounts.CreditRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审核中发现的弄虚作假")
        verbose_name_plural = _("审核中发现的弄虚作假")


class TierOneFiling(models.Model):
    """Nanning Art. 7: Tier I talent is filed with the HR & Social Security Department and the Commerce
    Department (FTZ office) and receives the Guangxi FTZ talent card."""

    # What staff record: the console's form and the service take exactly these.
    RECORDED_FIELDS = (
        "hrss_filed_on",
        "hrss_reference",
        "commerce_filed_on",
        "commerce_reference",
        "talent_card_issued_on",
        "talent_card_number",
    )

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="tier_one_filing"
    )
    hrss_filed_on = models.DateField(_("报自治区人力资源社会保障厅备案日期"), null=True, blank=True)
    hrss_reference = models.CharField(_("人社厅备案文号"), max_length=100, blank=True)
    commerce_filed_on = models.DateField(_("报自治区商务厅（自贸办）备案日期"), null=True, blank=True)
    commerce_reference = models.CharField(_("商务厅备案文号"), max_length=100, blank=True)
    talent_card_issued_on = models.DateField(_("广西自贸人才卡发放日期"), null=True, blank=True)
    talent_card_number = models.CharField(_("人才卡编号"), max_length=100, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一类人才备案与人才卡")
        verbose_name_plural = _("一类人才备案与人才卡")

    @property
    def is_complete(self) -> bool:
        return bool(self.hrss_filed_on and self.commerce_filed_on and self.talent_card_issued_on)
