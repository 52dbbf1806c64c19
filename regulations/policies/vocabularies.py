"""The vocabularies of the two regulations, defined once. Codes are stable (shared/spec/REGULATIONS.md §5);
labels are translated. The eligibility facts, the engine's reasons, the portal forms, the pre-check and the
console all read these; nothing else lists these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    """Nanning Art. 2: three tiers of urgently-needed talent."""

    I = "I", _("I类")  # noqa: E741 - the tier is called I in the measures
    II = "II", _("II类")
    III = "III", _("III类")

    @classmethod
    def rank(cls, tier) -> int:
        """Higher is better; unknown or empty is 0 (Nanning Art. 11: only a higher tier during validity)."""
        return {cls.III: 1, cls.II: 2, cls.I: 3}.get(tier, 0)

    @classmethod
    def roman_zh(cls, tier) -> str:
        """The numeral as printed on Chinese documents (Ⅰ、Ⅱ、Ⅲ)."""
        return {cls.I: "Ⅰ", cls.II: "Ⅱ", cls.III: "Ⅲ"}.get(tier, tier or "")


class Degree(models.TextChoices):
    """Nanning Art. 5: the conditions name degrees (学位: 博士学位, 硕士或学士学位), not education levels (学历)."""

    DOCTORATE = "doctorate", _("博士学位")
    MASTER = "master", _("硕士学位")
    BACHELOR = "bachelor", _("学士学位")
    OTHER = "other", _("无学位或其他")


class EducationLevel(models.TextChoices):
    """最高学历 as printed on the Nanning application form (附件); the engine never judges it."""

    DOCTORATE = "doctorate", _("博士研究生")
    MASTER = "master", _("硕士研究生")
    BACHELOR = "bachelor", _("大学本科")
    OTHER = "other", _("其他")


class SkillLevel(models.TextChoices):
    SENIOR_TECHNICIAN = "senior_technician", _("高级技师")
    TECHNICIAN = "technician", _("技师")


class GuangxiTalentLevel(models.TextChoices):
    """广西壮族自治区高层次人才 A–E 层次 (Nanning Art. 5 I(1), II(1))."""

    A = "A", _("A层次")
    B = "B", _("B层次")
    C = "C", _("C层次")
    D = "D", _("D层次")
    E = "E", _("E层次")


class PermitClass(models.TextChoices):
    """Class of the Foreigner's Work Permit (Beihai Art. 2(一), (四))."""

    A = "A", _("A类")
    B = "B", _("B类")
    C = "C", _("C类")


class ForeignAClassItem(models.IntegerChoices):
    """Items (一)–(六) of the A-class standard of 《外国人来华工作分类标准（试行）》 (Nanning Art. 5 I(3), II(4))."""

    PROGRAMME = 1, _("（一）入选国内人才引进计划")
    ACHIEVEMENT = 2, _("（二）符合国际公认的专业成就认定标准")
    MARKET = 3, _("（三）符合市场导向的鼓励类岗位需求")
    INNOVATION = 4, _("（四）创新创业人才")
    YOUNG = 5, _("（五）优秀青年人才")
    POINTS = 6, _("（六）计点积分在85分以上")


class City(models.TextChoices):
    BEIHAI = "beihai", _("北海市")
    NANNING_FTZ = "nanning-ftz", _("自贸试验区南宁片区")
    OTHER = "other", _("其他地区")


class EmploymentRole(models.TextChoices):
    """The person's role in the enterprise, in the words of Nanning Art. 5 I(2) and II(2)."""

    PRINCIPAL = "principal", _("企业主要负责人")
    INNOVATION_LEADER = "innovation_leader", _("科技创新领军人才")
    SENIOR_MANAGER = "senior_manager", _("高层管理人员")
    MIDDLE_MANAGER = "middle_manager", _("中层管理人员")
    TECH_BACKBONE = "tech_backbone", _("科技创新骨干人才")
    STAFF = "staff", _("其他员工")


class MisconductReason(models.TextChoices):
    """Why a recognition is revoked, or a file refused for fraud found during review.

    Nanning Art. 12 (一)–(四); Beihai Art. 13 (一)(二). Which of them a regulation allows, and which bar the
    person from applying again, is the regulation policy's business."""

    FALSE_MATERIALS = "false-materials", _("（一）提供虚假材料骗取认定")
    ILLEGAL_ACTS = "illegal-acts", _("（二）有违法违规行为造成不良影响或被追究刑事责任")
    ACADEMIC_FRAUD = "academic-fraud", _("（三）存在学术不端、业绩造假等行为")
    STOPPED_WORKING = "stopped-working", _("（四）在规定服务年限内不在片区工作")
    BEIHAI_FRAUD = "beihai-fraud", _("弄虚作假（北海办法第十三条）")


class ObjectionDecision(models.TextChoices):
    """Nanning Art. 7(四): recognised when the notice brings no objection, or the objection does not affect the
    recognition; the Management Committee verifies and decides each objection (Art. 7, 8). Empty = pending."""

    PENDING = "", _("待核实")
    UPHELD = "upheld", _("异议成立（不予认定）")
    NOT_AFFECTING = "not-affecting", _("异议属实但不影响认定")
    DISMISSED = "dismissed", _("异议不成立（不影响认定结果）")

    @classmethod
    def blocking(cls) -> tuple[str, ...]:
        """Decisions that keep the notice from closing with a recognition."""
        return (cls.PENDING, cls.UPHELD)


def labels(choices, values) -> str:
    """The labels of `values` joined with the Chinese enumeration comma (or its translation)."""
    from regulations.text import enumeration

    mapping = dict(choices.choices)
    return enumeration(mapping.get(v, v) for v in values)
