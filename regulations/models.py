from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations.policies.vocabularies import Tier


def validate_month_day(value: str) -> None:
    """A yearly date written MM-DD (06-25); 02-29 is refused because it does not come every year."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    try:
        dt.date(2025, int(value[:2]), int(value[3:]))
        ok = len(value) == 5 and value[2] == "-"
    except (ValueError, IndexError):
        ok = False
    if not ok:
        raise ValidationError(_("请按“月-日”填写，例如 06-25。"), code="month_day")


def _english() -> bool:
    return (get_language() or "").startswith("en")


class BilingualName(models.Model):
    """Display text in both languages; the active language picks one. Codes stay untranslated."""

    name_zh = models.CharField(_("中文名称"), max_length=300)
    name_en = models.CharField(_("英文名称"), max_length=300)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def __str__(self):
        return self.name


class Regulation(models.Model):
    code = models.SlugField(_("代码"), max_length=60, unique=True)
    issuer_zh = models.CharField(_("发布机关"), max_length=300, blank=True)
    issuer_en = models.CharField(_("发布机关（英文）"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("认定办法")
        verbose_name_plural = _("认定办法")
        ordering = ["code"]

    @property
    def name(self) -> str:
        from regulations.policies import policy_or_none

        policy = policy_or_none(self.code)
        return str(policy.name) if policy else self.code

    def __str__(self):
        return self.name


class RegulationVersion(models.Model):
    """One issued text of a regulation with its effective window, criteria and deadlines.

    An application keeps the version in force on the day it was submitted for life.
    """

    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="versions")
    code = models.SlugField(_("版本代码"), max_length=80, unique=True)
    title_zh = models.CharField(_("文件名称"), max_length=300)
    title_en = models.CharField(_("文件名称（英文）"), max_length=300)
    issued_on = models.DateField(_("印发日期"))
    effective_from = models.DateField(_("施行日期"))
    effective_until = models.DateField(_("有效期至"), null=True, blank=True)
    replaces_note = models.CharField(_("废止的文件"), max_length=300, blank=True)

    # Deadlines and periods (spec §2-§4): settings of the version, not constants in code.
    acceptance_decision_working_days = models.PositiveSmallIntegerField(
        _("受理决定期限（工作日）"),
        null=True,
        blank=True,
        help_text=_(
            "自收到申请之日起在此期限内作出受理决定（受理，或一次告知需补正的全部内容）；逾期未作决定的，"
            "自收到申请材料之日起即为受理（《行政许可法》第三十二条）。留空表示不适用。"
        ),
    )
    review_sla_working_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"), null=True, blank=True)
    appeal_window_working_days = models.PositiveSmallIntegerField(_("复核申请期限（工作日）"), null=True, blank=True)
    appeal_answer_days = models.PositiveSmallIntegerField(_("复核答复期限（日）"), null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("公示期（天）"), null=True, blank=True)
    notice_counts_working_days = models.BooleanField(_("公示期按工作日计算"), default=False)
    apply_within_months = models.PositiveSmallIntegerField(_("符合条件后申报期限（月）"), null=True, blank=True)
    transitional_hired_from = models.DateField(_("过渡期：引进起始日"), null=True, blank=True)
    transitional_hired_until = models.DateField(_("过渡期：引进截止日"), null=True, blank=True)
    transitional_apply_months = models.PositiveSmallIntegerField(
        _("过渡期：自印发之日起申报期限（月）"), null=True, blank=True
    )
    directory_hired_after = models.DateField(_("目录企业：须在此日期之后引进"), null=True, blank=True)
    min_contract_years = models.PositiveSmallIntegerField(_("最短合同年限"), null=True, blank=True)
    validity_years_tier_i = models.PositiveSmallIntegerField(_("I类认定有效期（年）"), null=True, blank=True)
    validity_years_tier_ii = models.PositiveSmallIntegerField(_("II类认定有效期（年）"), null=True, blank=True)
    validity_years_tier_iii = models.PositiveSmallIntegerField(_("III类认定有效期（年）"), null=True, blank=True)
    source_note = models.TextField(_("数据来源与说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("办法版本")
        verbose_name_plural = _("办法版本")
        ordering = ["regulation__code", "-effective_from"]

    def __str__(self):
        return self.code

    @property
    def title(self) -> str:
        return self.title_en if _english() else self.title_zh

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)


class MaterialType(BilingualName):
    code = models.SlugField(_("代码"), max_length=60, unique=True)
    # The application form itself is filled in online and printed by the system, not uploaded.
    filled_online = models.BooleanField(_("在线填写，无需上传"), default=False)
    description_zh = models.TextField(_("说明"), blank=True)
    description_en = models.TextField(_("说明（英文）"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("材料类型")
        verbose_name_plural = _("材料类型")
        ordering = ["code"]


class Criterion(models.Model):
    version = models.ForeignKey(RegulationVersion, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("代码"), max_length=20)
    tier = models.CharField(_("类别"), max_length=3, blank=True, choices=Tier.choices)
    article_ref = models.CharField(_("条款"), max_length=60, blank=True)
    description_zh = models.TextField(_("条件"))
    description_en = models.TextField(_("条件（英文）"))
    materials = models.ManyToManyField(MaterialType, verbose_name=_("所需材料"), blank=True, related_name="criteria")
    # Thresholds and conditions the eligibility engine checks (keys: regulations.rules.PARAM_KEYS).
    params = models.JSONField(_("判定参数"), default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[materials])

    class Meta:
        verbose_name = _("认定条件")
        verbose_name_plural = _("认定条件")
        ordering = ["version", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="criterion_code_unique_per_version")]

    def __str__(self):
        return self.code

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "").startswith("en") else self.description_zh

    def clean(self):
        from django.core.exceptions import ValidationError

        from regulations.rules import params_problems

        problems = params_problems(self.params)
        if problems:
            raise ValidationError({"params": problems})


class CommonMaterial(models.Model):
    """Materials every application of a version needs, whatever the criterion (form, passport …)."""

    version = models.ForeignKey(RegulationVersion, on_delete=models.CASCADE, related_name="common_materials")
    material = models.ForeignKey(MaterialType, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("通用材料")
        verbose_name_plural = _("通用材料")
        constraints = [models.UniqueConstraint(fields=["version", "material"], name="common_material_unique")]


class Honour(BilingualName):
    """Beihai BH-3 honour list; `other-city-level-or-above` needs a staff judgement and a free-text title."""

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    needs_judgement = models.BooleanField(_("需人工判断"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("荣誉称号")
        verbose_name_plural = _("荣誉称号")
        ordering = ["id"]


class TalentLevel(BilingualName):
    """Guangxi high-level talent levels A-E (广西高层次人才 A-E 层次)."""

    code = models.CharField(_("代码"), max_length=1, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("广西高层次人才层次")
        verbose_name_plural = _("广西高层次人才层次")
        ordering = ["code"]


class ForeignAClassItem(BilingualName):
    """Items (一)-(六) of the A-class standard of 《外国人来华工作分类标准（试行）》."""

    number = models.PositiveSmallIntegerField(_("项号"), unique=True)
    label = models.CharField(_("序号"), max_length=10)
    history = HistoricalRecords()

    @property
    def title(self) -> str:
        """ "（一） …" in Chinese, "(1) …" in English: the stored label is the Chinese ordinal."""
        ordinal = self.label if not (get_language() or "").startswith("en") else f"({self.number})"
        return f"{ordinal} {self.name}"

    class Meta:
        verbose_name = _("外国高端人才（A类）标准条目")
        verbose_name_plural = _("外国高端人才（A类）标准条目")
        ordering = ["number"]


class DirectoryEnterprise(models.Model):
    """An entry of the Nanning zone's 《产业发展急需紧缺人才企业名录》; the directory changes over time."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    joined_on = models.DateField(_("纳入名录日期"))
    left_on = models.DateField(_("移出名录日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("急需紧缺人才企业名录")
        verbose_name_plural = _("急需紧缺人才企业名录")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Benefit(models.Model):
    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="benefits")
    code = models.SlugField(_("代码"), max_length=60)
    title_zh = models.CharField(_("事项"), max_length=200)
    title_en = models.CharField(_("事项（英文）"), max_length=200)
    description_zh = models.TextField(_("内容"), blank=True)
    description_en = models.TextField(_("内容（英文）"), blank=True)
    office = models.CharField(_("实施单位/办理窗口"), max_length=300, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=200, blank=True)
    office_en = models.CharField(_("实施单位/办理窗口（英文）"), max_length=300, blank=True)
    address_en = models.CharField(_("地址（英文）"), max_length=300, blank=True)
    hours_en = models.CharField(_("办公时间（英文）"), max_length=200, blank=True)
    phone_en = models.CharField(_("电话（英文）"), max_length=200, blank=True)
    bring_zh = models.TextField(_("需携带的材料"), blank=True)
    bring_en = models.TextField(_("需携带的材料（英文）"), blank=True)
    # Tier codes (codes.TIERS) the benefit is limited to; empty means every recognition of the regulation.
    tiers = models.JSONField(_("适用类别"), default=list, blank=True)
    # A benefit that is requested and decided in the portal (a service request), and its rules, as data.
    requestable = models.BooleanField(_("可在线申请"), default=False)
    request_materials = models.ManyToManyField(
        "MaterialType", verbose_name=_("申请材料"), blank=True, related_name="benefits"
    )
    window_opens = models.CharField(
        _("每年受理开始（月-日）"), max_length=5, blank=True, validators=[validate_month_day]
    )
    window_closes = models.CharField(
        _("每年受理截止（月-日）"), max_length=5, blank=True, validators=[validate_month_day]
    )
    forward_by = models.CharField(_("每年转送截止（月-日）"), max_length=5, blank=True, validators=[validate_month_day])
    # A form filled online with the request, by code (the child-enrolment form of Beihai 附件3).
    request_form = models.CharField(
        _("在线填写的申请表"), max_length=30, blank=True, choices=[("child-enrolment", _("子女入学优待服务申请表"))]
    )
    forward_to_zh = models.CharField(_("转送单位"), max_length=200, blank=True)
    forward_to_en = models.CharField(_("转送单位（英文）"), max_length=200, blank=True)
    # Nanning Art. 10: 具体发放数量根据当年实际情况动态调整 — the number is set each year (BenefitQuota).
    has_yearly_quota = models.BooleanField(_("按年度核定数量"), default=False)
    once_per_person = models.BooleanField(_("每人限一次（就高不重复）"), default=False)
    reviewer_role = models.SlugField(_("审核角色"), max_length=60, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("优惠措施")
        verbose_name_plural = _("优惠措施")
        ordering = ["regulation", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["regulation", "code"], name="benefit_code_unique")]

    @property
    def title(self) -> str:
        return self.title_en if _english() else self.title_zh

    @property
    def description(self) -> str:
        return self.description_en if _english() else self.description_zh

    @property
    def office_display(self) -> str:
        return (self.office_en if _english() else "") or self.office

    @property
    def address_display(self) -> str:
        return (self.address_en if _english() else "") or self.address

    @property
    def hours_display(self) -> str:
        return (self.hours_en if _english() else "") or self.hours

    @property
    def phone_display(self) -> str:
        return (self.phone_en if _english() else "") or self.phone

    @property
    def bring(self) -> str:
        return self.bring_en if _english() else self.bring_zh

    def applies_to_tier(self, tier: str) -> bool:
        return not self.tiers or tier in self.tiers

    @property
    def forward_to(self) -> str:
        return (self.forward_to_en if _english() else "") or self.forward_to_zh

    def window_for(self, year: int):
        """(first, last) day requests are accepted in `year`, or None when the benefit has no window."""
        import datetime as dt

        if not (self.window_opens and self.window_closes):
            return None
        first = dt.date(year, int(self.window_opens[:2]), int(self.window_opens[3:]))
        last = dt.date(year, int(self.window_closes[:2]), int(self.window_closes[3:]))
        return first, last

    def forward_deadline_for(self, year: int):
        import datetime as dt

        if not self.forward_by:
            return None
        return dt.date(year, int(self.forward_by[:2]), int(self.forward_by[3:]))


class BenefitQuota(models.Model):
    """How many of a benefit may be granted in a year, set by the bureau for that year."""

    benefit = models.ForeignKey(Benefit, verbose_name=_("待遇"), on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("年度"))
    quota = models.PositiveIntegerField(_("数量"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度数量")
        verbose_name_plural = _("年度数量")
        ordering = ["benefit", "-year"]
        constraints = [models.UniqueConstraint(fields=["benefit", "year"], name="benefit_quota_year_unique")]

    def __str__(self):
        return f"{self.benefit.code} {self.year}: {self.quota}"


class Disqualification(models.Model):
    """A person barred from applying (Beihai Art. 13(2) permanently; Nanning Art. 12 (1)-(3))."""

    regulation_code = models.SlugField(max_length=60)
    document_number = models.CharField(_("证件号码"), max_length=40, db_index=True)
    nationality = models.CharField(_("国籍"), max_length=2, blank=True)
    full_name = models.CharField(_("姓名"), max_length=120, blank=True)
    reason_code = models.SlugField(_("原因代码"), max_length=40)
    reason = models.TextField(_("事由"), blank=True)
    application_reference = models.CharField(_("申请编号"), max_length=40, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("取消资格记录")
        verbose_name_plural = _("取消资格记录")


class CalendarDay(models.Model):
    """A date that differs from the Monday-to-Friday rule: a holiday, or a weekend made a working day."""

    HOLIDAY = "holiday"
    WORKDAY = "workday"
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=[(HOLIDAY, _("节假日")), (WORKDAY, _("调休上班"))])
    name = models.CharField(_("名称"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class CalendarYear(models.Model):
    """A year whose holidays are loaded; a deadline touching any other year is flagged, never guessed."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("已载入的年度日历")
        verbose_name_plural = _("已载入的年度日历")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class ReferenceRevision(models.Model):
    """A new random token whenever reference data changes (regulations.reference): app servers keep what
    they read for the token they saw. A cache stamp, not a domain record: no history."""

    token = models.UUIDField()

    class Meta:
        verbose_name = _("参考数据版本")
        verbose_name_plural = _("参考数据版本")
