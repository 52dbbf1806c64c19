import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from applications import permissions as perms
from applications import states as s
from applications.uploads import KeptFile
from regulations.codes import BEIHAI, NANNING
from regulations.policies.vocabularies import Degree, EducationLevel, ObjectionDecision, Tier


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def next_due():
    """The date the file must next be acted on: the acceptance decision's until the file is accepted, then the
    limit counted from acceptance. The staff queue is ordered by it, and an index is built on it."""
    return Coalesce("due_on", "acceptance_due_on")


class Application(ConcurrentTransitionMixin, models.Model):
    """One application for recognition under one regulation version, kept for life."""

    SEX_CHOICES = [("M", _("男")), ("F", _("女"))]
    DOCUMENT_CHOICES = [("passport", _("护照")), ("id_card", _("居民身份证"))]

    reference = models.CharField(_("申请编号"), max_length=40, unique=True, editable=False)
    regulation_version = models.ForeignKey(
        "regulations.RegulationVersion",
        verbose_name=_("办法版本"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    regulation_code = models.SlugField(_("认定办法"), max_length=60, editable=False, db_index=True)
    state = FSMField(_("状态"), default=s.DRAFT, choices=s.STATE_CHOICES, protected=True, db_index=True)

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="applications"
    )
    talent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talent_applications",
    )
    talent_email = models.EmailField(_("申请人电子邮箱"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="created_applications",
        editable=False,
    )
    upgrade_of = models.ForeignKey(
        "self", verbose_name=_("升级前的认定"), null=True, blank=True, on_delete=models.PROTECT, related_name="upgrades"
    )

    # The claim: criterion (and so tier) the applicant says is met.
    criterion = models.ForeignKey(
        "regulations.Criterion", verbose_name=_("符合的认定条件"), null=True, blank=True, on_delete=models.PROTECT
    )
    criterion_code = models.CharField(_("条件代码"), max_length=20, blank=True, editable=False)
    # The claimed criterion's tier; for a case-by-case criterion (Nanning Art. 8) the tier the leadership
    # group decided, empty until then.
    tier = models.CharField(_("申请类别"), max_length=3, blank=True, choices=Tier.choices)
    condition_statement = models.TextField(_("本人具备的认定条件"), blank=True)
    honour_code = models.SlugField(_("荣誉称号"), max_length=60, blank=True)
    honour_other_title = models.CharField(_("其他荣誉称号名称"), max_length=200, blank=True)

    # Person (Beihai 附件1 and Nanning 附件).
    full_name = models.CharField(_("姓名"), max_length=120, blank=True)
    sex = models.CharField(_("性别"), max_length=1, choices=SEX_CHOICES, blank=True)
    nationality = models.CharField(_("国籍"), max_length=2, blank=True, help_text=_("ISO 3166 两位字母代码"))
    native_place = models.CharField(_("籍贯"), max_length=100, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    document_type = models.CharField(_("证件类型"), max_length=10, choices=DOCUMENT_CHOICES, default="passport")
    document_number = models.CharField(_("证件号码"), max_length=40, blank=True, db_index=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    # Employment.
    position = models.CharField(_("岗位职务"), max_length=120, blank=True)
    employer_address = models.CharField(_("工作单位地址"), max_length=300, blank=True)
    county = models.CharField(_("所在地县（市、区）"), max_length=60, blank=True)
    full_time = models.BooleanField(_("是否全职"), null=True, blank=True)
    contract_start = models.DateField(_("工作合同起始日期"), null=True, blank=True)
    contract_end = models.DateField(_("工作合同终止日期"), null=True, blank=True)
    permit_valid_from = models.DateField(_("工作居留许可/人才签证有效期起"), null=True, blank=True)
    permit_valid_until = models.DateField(_("工作居留许可/人才签证有效期至"), null=True, blank=True)
    unit_contact_name = models.CharField(_("单位联系人"), max_length=100, blank=True)
    unit_contact_phone = models.CharField(_("单位联系人电话"), max_length=40, blank=True)

    # Education and record (Nanning 附件).
    highest_education = models.CharField(_("最高学历"), max_length=20, choices=EducationLevel.choices, blank=True)
    highest_degree = models.CharField(_("最高学位"), max_length=20, choices=Degree.choices, blank=True)
    professional_title = models.CharField(_("职称"), max_length=100, blank=True)
    vocational_qualification = models.CharField(_("国家职业资格"), max_length=100, blank=True)
    education_and_work_history = models.TextField(_("教育背景（从大学起）及工作简历"), blank=True)
    achievements = models.TextField(_("主要业绩及取得的荣誉"), max_length=500, blank=True)

    # The eligibility facts (spec §5) the claim rests on, and the engine's last answer.
    facts = models.JSONField(_("认定事实"), default=dict, blank=True)
    eligibility = models.JSONField(_("资格预审结果"), null=True, blank=True, editable=False)

    # What was last typed into the portal form but did not validate: shown again, never lost.
    form_data = models.JSONField(_("未通过校验的表单内容"), default=dict, blank=True, editable=False)

    pledge_signed_at = models.DateTimeField(_("申请人承诺时间"), null=True, blank=True)
    pledge_name = models.CharField(_("承诺人签名"), max_length=120, blank=True)
    employer_attested_at = models.DateTimeField(_("单位审核确认时间"), null=True, blank=True)

    # Timekeeping (dates in Asia/Shanghai).
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # Beihai Art. 5 with 行政许可法 Art. 32: the clock runs from receipt (收件), each submission gets a receipt.
    received_on = models.DateField(_("收件日期"), null=True, blank=True)
    acceptance_due_on = models.DateField(_("受理决定期限"), null=True, blank=True)
    acceptance_deemed = models.BooleanField(_("逾期未作受理决定，视为受理"), default=False)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    due_on = models.DateField(_("办结期限"), null=True, blank=True)
    due_unknown_reason = models.CharField(_("期限无法计算的原因"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    result_notified_on = models.DateField(_("结果告知日期"), null=True, blank=True)
    notice_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_ends_on = models.DateField(_("公示结束"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("认定申请")
        verbose_name_plural = _("认定申请")
        ordering = ["-created_at"]
        permissions = [("view_all_applications", "Can view every application")]
        indexes = [
            # The staff queue: one regulation's files in deadline order (first and last pages walk the index).
            models.Index(
                F("regulation_code"), next_due(), F("submitted_at"), F("id"), name="application_queue_due_idx"
            ),
            # Counts and filters of the queue by regulation and state, answered from the index alone.
            models.Index(fields=["regulation_code", "state", "tier"], name="application_reg_state_tier_idx"),
            # The portal: an organisation's or a talent's files, newest change first.
            models.Index(fields=["organisation", "updated_at"], name="application_org_updated_idx"),
            models.Index(fields=["talent", "updated_at"], name="application_talent_updated_idx"),
            # A talent's portal links the Beihai files naming the talent's address (talent_email__iexact).
            models.Index(Upper("talent_email"), name="application_talent_email_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.full_name}".strip()

    def save(self, *args, **kwargs):
        if not self.regulation_code and self.regulation_version_id:
            self.regulation_code = self.regulation_version.regulation.code
        self.criterion_code = self.criterion.code if self.criterion_id else ""
        if self.criterion_id and self.criterion.tier:
            self.tier = self.criterion.tier
        elif self.state in s.EDITABLE_STATES:
            # No criterion, or a case-by-case one: the tier is not the applicant's to keep (Nanning Art. 8);
            # a draft switched from a tiered criterion drops the old tier.
            self.tier = ""
        if not self.reference:
            prefix = self.policy.reference_prefix
            self.reference = f"{prefix}-A-{timezone.localdate():%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"
        super().save(*args, **kwargs)

    @property
    def policy(self):
        from regulations.policies import policy_for

        return policy_for(self)

    # Which regulation, for data generators and tests only: the workflow asks `policy`, never these.
    @property
    def is_beihai(self) -> bool:
        return self.regulation_code == BEIHAI

    @property
    def is_nanning(self) -> bool:
        return self.regulation_code == NANNING

    @property
    def state_label(self):
        return s.STATE_LABELS.get(self.state, self.state)

    # ---- conditions (read review data through related names; never import reviews) ----

    def has_required_materials(self) -> bool:
        return not self.missing_material_codes()

    def missing_material_codes(self) -> list[str]:
        required = set(self.required_material_codes())
        present = set(self.materials.filter(is_current=True).values_list("material_code", flat=True))
        return sorted(required - present)

    def required_material_codes(self) -> list[str]:
        """Material codes to upload: the version's common ones and the claimed criterion's (not those the
        system fills in online)."""
        from regulations import reference

        known = reference.current()
        version = known.snapshot(self.regulation_version)
        required = set(version.common_materials)
        if self.criterion_id:
            code = self.criterion.code
            required.update(*(rule.materials for rule in version.criteria if rule.code == code))
        types = known.material_types
        return sorted(code for code in required if code in types and not types[code].filled_online)

    def uploadable_material_codes(self) -> list[str]:
        """What may be uploaded to this application: its required materials and the form's photo."""
        from regulations import reference

        codes = self.required_material_codes()
        if "photo" not in codes and reference.material_type("photo") is not None:
            codes.insert(0, "photo")
        return codes

    def consultations_all_answered(self) -> bool:
        from talentportal.related import prefetched

        if self.pk is None:
            return False
        rows = prefetched(self, "consultations")
        if rows is not None:
            return bool(rows) and all(c.answered_at is not None for c in rows)
        counts = self.consultations.aggregate(asked=Count("pk"), open=Count("pk", filter=Q(answered_at__isnull=True)))
        return counts["asked"] > 0 and counts["open"] == 0

    def notice_period_over_without_upheld_objection(self) -> bool:
        if not self.notice_ends_on or timezone.localdate() <= self.notice_ends_on:
            return False
        objections = getattr(self, "objections", None)
        if objections is None:
            return True
        return not objections.filter(decision__in=ObjectionDecision.blocking()).exists()

    def is_with_first_reviewer(self) -> bool:
        """Beihai files go straight to SciTech; Nanning files sit with the employer until recommended."""
        return self.state == (s.RECOMMENDED if self.policy.employer_recommends else s.SUBMITTED)

    # The process shape of the file's regulation (its policy), as FSM conditions.
    def employer_recommends(self) -> bool:
        return self.policy.employer_recommends

    def acceptance_decision_overdue(self) -> bool:
        """行政许可法 Art. 32: no acceptance decision within the period after receipt."""
        return (
            self.accepted_on is None
            and self.acceptance_due_on is not None
            and timezone.localdate() > self.acceptance_due_on
        )

    def acceptance_decision_open(self) -> bool:
        """Corrections may be asked for only before the file is accepted, or deemed accepted."""
        return not self.acceptance_deemed

    def departments_consulted(self) -> bool:
        return bool(self.policy.consulted_roles)

    def reviewer_forwards(self) -> bool:
        return not self.policy.consulted_roles

    def needs_public_notice(self) -> bool:
        return self.policy.has_public_notice

    def decided_without_notice(self) -> bool:
        return not self.policy.has_public_notice

    def may_be_appealed(self) -> bool:
        return self.policy.has_appeal

    # ---- transitions: source, target, permission, conditions; effects live in services ----

    @transition(
        field=state,
        source=s.DRAFT,
        target=s.SUBMITTED,
        permission=perms.applicant_side,
        conditions=[has_required_materials],
    )
    def submit(self):
        pass

    @transition(
        field=state,
        source=s.RETURNED,
        target=s.SUBMITTED,
        permission=perms.applicant_side,
        conditions=[has_required_materials],
    )
    def resubmit(self):
        pass

    @transition(
        field=state, source=[s.DRAFT, s.RETURNED, s.SUBMITTED], target=s.WITHDRAWN, permission=perms.applicant_side
    )
    def withdraw(self):
        pass

    @transition(
        field=state,
        source=s.SUBMITTED,
        target=s.RECOMMENDED,
        permission=perms.nanning_employer,
        conditions=[employer_recommends, has_required_materials],
    )
    def employer_recommend(self):
        pass

    @transition(
        field=state,
        source=s.SUBMITTED,
        target=s.RETURNED,
        permission=perms.nanning_employer,
        conditions=[employer_recommends],
    )
    def employer_return(self):
        pass

    @transition(
        field=state,
        source=s.SUBMITTED,
        target=s.CONSULTATION,
        permission=perms.first_reviewer,
        conditions=[departments_consulted, has_required_materials],
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=[s.SUBMITTED, s.RECOMMENDED],
        target=s.RETURNED,
        permission=perms.first_reviewer,
        conditions=[is_with_first_reviewer, acceptance_decision_open],
    )
    def return_for_correction(self):
        pass

    @transition(
        field=state,
        source=s.SUBMITTED,
        target=s.SUBMITTED,
        permission=perms.nobody,
        conditions=[acceptance_decision_overdue],
    )
    def deem_accepted(self):
        """Taken by the scheduled job only: the file counts as accepted from its receipt date."""

    @transition(
        field=state,
        source=[s.SUBMITTED, s.RECOMMENDED, s.CONSULTATION, s.AWAITING_DECISION],
        target=s.REFUSED,
        permission=perms.refuser,
    )
    def refuse(self):
        pass

    @transition(
        field=state,
        source=s.RECOMMENDED,
        target=s.AWAITING_DECISION,
        permission=perms.first_reviewer,
        conditions=[reviewer_forwards, has_required_materials],
    )
    def forward(self):
        pass

    @transition(
        field=state,
        source=s.CONSULTATION,
        target=s.AWAITING_DECISION,
        permission=perms.first_reviewer,
        conditions=[departments_consulted, consultations_all_answered],
    )
    def finish_consultation(self):
        pass

    @transition(
        field=state,
        source=s.AWAITING_DECISION,
        target=s.RECOGNISED,
        permission=perms.decision_maker,
        conditions=[decided_without_notice],
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=s.AWAITING_DECISION,
        target=s.PUBLIC_NOTICE,
        permission=perms.decision_maker,
        conditions=[needs_public_notice],
    )
    def approve_for_notice(self):
        pass

    @transition(
        field=state,
        source=s.PUBLIC_NOTICE,
        target=s.RECOGNISED,
        permission=perms.nanning_committee,
        conditions=[notice_period_over_without_upheld_objection],
    )
    def close_notice(self):
        pass

    @transition(field=state, source=s.PUBLIC_NOTICE, target=s.REFUSED, permission=perms.nanning_committee)
    def refuse_after_objection(self):
        pass

    def has_overturning_appeal(self) -> bool:
        appeals = getattr(self, "appeals", None)
        return appeals is not None and appeals.filter(status="overturned").exists()

    @transition(
        field=state,
        source=s.REFUSED,
        target=s.RECOGNISED,
        permission=perms.decision_maker,
        conditions=[may_be_appealed, has_overturning_appeal],
    )
    def overturn_on_appeal(self):
        """Beihai Art. 13(3): the joint re-review overturned the refusal."""

    @transition(field=state, source=s.RECOGNISED, target=s.CERTIFIED, permission=perms.issuer)
    def issue_certificate(self):
        pass

    @transition(field=state, source=[s.RECOGNISED, s.CERTIFIED], target=s.REVOKED, permission=perms.decision_maker)
    def revoke(self):
        pass

    @transition(field=state, source=s.CERTIFIED, target=s.EXPIRED, permission=perms.issuer)
    def expire(self):
        pass

    @transition(field=state, source=s.CERTIFIED, target=s.SUPERSEDED, permission=perms.issuer)
    def supersede(self):
        """A higher-tier recognition replaces this one; its certificate is marked superseded."""


class Material(KeptFile):
    """An uploaded file. The stored name is random; the original name lives only in this row."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="materials")
    material_code = models.SlugField(_("材料类型"), max_length=60)
    file = models.FileField(storage=_private_storage, upload_to="materials/%Y/%m/", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")
        ordering = ["material_code", "-uploaded_at"]

    def __str__(self):
        return self.original_name


class Receipt(models.Model):
    """The numbered receipt (回执) of one submission: what was received, when, and by when the bureau must
    decide on acceptance. Issued at once on submission and on every resubmission after correction."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="receipts")
    number = models.CharField(_("回执编号"), max_length=40, unique=True, editable=False)
    transition = models.CharField(_("操作"), max_length=40)
    received_at = models.DateTimeField(_("收件时间"))
    received_on = models.DateField(_("收件日期"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acceptance_due_on = models.DateField(_("受理决定期限"), null=True, blank=True)
    acceptance_due_unknown_reason = models.CharField(_("期限无法计算的原因"), max_length=200, blank=True)
    # What was received, as it was: [{"code", "name_zh", "name_en", "original_name", "sha256"}].
    materials = models.JSONField(_("收到的材料"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("回执")
        verbose_name_plural = _("回执")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return self.number


class TransitionLog(models.Model):
    """One row per state change: from, to, who, when, why. The timeline is read from here."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transition_logs")
    transition = models.CharField(_("操作"), max_length=40)
    from_state = models.CharField(_("原状态"), max_length=30)
    to_state = models.CharField(_("新状态"), max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示系统自动执行"),
    )
    by_role = models.CharField(_("角色"), max_length=60, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    reason = models.TextField(_("理由"), blank=True)
    comment = models.TextField(_("意见"), blank=True)
    visible_to_applicant = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")
        ordering = ["at", "id"]

    @property
    def transition_label(self):
        return s.TRANSITION_LABELS.get(self.transition, self.transition)
