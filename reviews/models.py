"""What staff do to an application besides moving its state: consultations, objections, appeals,
revocations and the Nanning Tier I filing. State changes themselves live in applications (the FSM)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations import codes


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


PENDING = ""
UPHELD = "upheld"
DISMISSED = "dismissed"
OBJECTION_DECISIONS = [(PENDING, _("待核实")), (UPHELD, _("异议成立")), (DISMISSED, _("异议不成立"))]


class Objection(models.Model):
    """Nanning Art. 7: anyone may object during the public notice; the committee verifies and decides.

    `decision` is empty while pending; any objection not "dismissed" keeps the notice from closing.
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="objections")
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
    decision = models.CharField(_("核实结论"), max_length=10, choices=OBJECTION_DECISIONS, blank=True, default="")
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
        return f"{self.application.reference} · {self.name}"


APPEAL_PENDING = "pending"
APPEAL_UPHELD = "upheld"
APPEAL_OVERTURNED = "overturned"
APPEAL_STATUS = [
    (APPEAL_PENDING, _("复核中")),
    (APPEAL_UPHELD, _("维持原结果")),
    (APPEAL_OVERTURNED, _("撤销原结果，予以认定")),
]
# Beihai Art. 13(3): SciTech, Public Security and Administrative Approval re-review jointly.
APPEAL_JOINT_DEPARTMENTS = ["beihai-approval-bureau", "beihai-public-security"]


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
    status = models.CharField(_("复核状态"), max_length=12, choices=APPEAL_STATUS, default=APPEAL_PENDING)
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
    opinion = models.CharField(
        _("意见"), max_length=12, choices=[(APPEAL_UPHELD, _("维持原结果")), (APPEAL_OVERTURNED, _("撤销原结果"))]
    )
    comment = models.TextField(_("具体意见"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("复核部门意见")
        verbose_name_plural = _("复核部门意见")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["appeal", "department"], name="one_appeal_opinion_per_dept")]


REVOCATION_REASONS = [
    (codes.REVOCATION_FALSE_MATERIALS, _("（一）提供虚假材料骗取认定")),
    (codes.REVOCATION_ILLEGAL_ACTS, _("（二）有违法违规行为造成不良影响或被追究刑事责任")),
    (codes.REVOCATION_ACADEMIC_FRAUD, _("（三）存在学术不端、业绩造假等行为")),
    (codes.REVOCATION_STOPPED_WORKING, _("（四）在规定服务年限内不在片区工作")),
    (codes.REVOCATION_BEIHAI_FRAUD, _("弄虚作假（北海办法第十三条）")),
]
NANNING_REVOCATION_CODES = [
    codes.REVOCATION_FALSE_MATERIALS,
    codes.REVOCATION_ILLEGAL_ACTS,
    codes.REVOCATION_ACADEMIC_FRAUD,
    codes.REVOCATION_STOPPED_WORKING,
]


class Revocation(models.Model):
    """Why a recognition was revoked, and what followed (disqualification, the employer's credit record)."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="revocation")
    reason_code = models.SlugField(_("取消原因"), max_length=40, choices=REVOCATION_REASONS)
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
