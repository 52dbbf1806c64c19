"""The eligibility engine: facts (spec §5) in, answer (spec §5) out.

`judge()` is a pure function of the parsed facts and a snapshot of the regulation version (criteria with
their params, deadlines, honour list), so the rules are testable without a database. `evaluate()` is the
one entry point for the command, the API and the web page: it parses, loads the snapshot and judges.
"""

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import dataclass, replace

from django.utils import translation
from django.utils.translation import gettext as _

from regulations import codes
from regulations.facts import Facts, FactsError, parse_facts
from regulations.policies.vocabularies import City, Degree, EmploymentRole, Tier, labels

OK, FAIL, FLAG = "✔", "✘", "⚑"
SOCIAL_INSURANCE_MONTHS = 6  # Nanning Art. 9(三): 6 months of payments after the contract was signed


@dataclass(frozen=True)
class CriterionRule:
    code: str
    tier: str
    params: dict
    materials: tuple[str, ...] = ()
    sort_order: int = 0
    description_zh: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class VersionWindow:
    code: str
    effective_from: dt.date
    effective_until: dt.date | None


@dataclass(frozen=True)
class VersionSnapshot:
    regulation_code: str
    code: str
    title_zh: str
    title_en: str
    issued_on: dt.date
    effective_from: dt.date
    effective_until: dt.date | None
    criteria: tuple[CriterionRule, ...]
    common_materials: tuple[str, ...] = ()
    honour_codes: frozenset = frozenset()
    honours_needing_judgement: frozenset = frozenset()
    apply_within_months: int | None = None
    transitional_hired_from: dt.date | None = None
    transitional_hired_until: dt.date | None = None
    transitional_apply_months: int | None = None
    directory_hired_after: dt.date | None = None
    min_contract_years: int | None = None
    validity_years: tuple[tuple[str, int], ...] = ()  # (tier, years)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it has no such day (Civil Code art. 201)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _stdlib_calendar.monthrange(year, month)[1]))


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _money(value) -> str:
    return f"{value:,}"


def _line(ok: bool, text: str, code: str | None = None) -> str:
    return f"{OK if ok else FAIL} {code + ' ' if code else ''}{text}"


class _Judge:
    def __init__(self, facts: Facts, version: VersionSnapshot):
        self.facts = facts
        self.person = facts.person
        self.employment = facts.employment
        self.version = version
        self.as_of = facts.as_of
        self._directory_checks: list[tuple[bool, str]] | None = None

    # Conditions shared by every criterion of the regulation.
    def base_checks(self) -> list[tuple[bool, str]]:
        person, employment = self.person, self.employment
        barred = person.disqualified
        checks = [(not barred, _("已被取消认定资格，不予受理") if barred else _("未被取消认定资格"))]
        if self.version.regulation_code == codes.BEIHAI:
            foreign = person.nationality is not None and person.nationality != "CN"
            if person.nationality is None:
                text = _("未填写国籍，无法确认为外籍人员")
            elif foreign:
                text = _("外籍人员（国籍：%(n)s）") % {"n": person.nationality}
            else:
                text = _("中国国籍，不属于外籍人才")
            checks.append((foreign, text))
            in_beihai = employment.city == City.BEIHAI
            checks.append((in_beihai, _("在北海市工作") if in_beihai else _("未在北海市工作")))
        else:
            in_zone = employment.city == City.NANNING_FTZ
            checks.append(
                (
                    in_zone,
                    _("在自贸试验区南宁片区注册的企事业单位工作")
                    if in_zone
                    else _("未在自贸试验区南宁片区注册的企事业单位工作"),
                )
            )
            checks.append((employment.full_time, _("全职工作") if employment.full_time else _("非全职或未说明全职")))
            checks.append(
                (
                    not employment.civil_service,
                    _("不属于公务员或参照公务员管理的事业单位")
                    if not employment.civil_service
                    else _("公务员或参照公务员管理的事业单位人员不在认定范围内"),
                )
            )
            attested = person.basic_conditions_attested
            checks.append(
                (
                    attested,
                    _("申请人已声明符合第五条（一）至（三）项基本条件")
                    if attested
                    else _("申请人未声明符合第五条（一）至（三）项基本条件（遵纪守法、职业道德、身体健康）"),
                )
            )
        return checks

    def social_insurance_check(self) -> tuple[bool | None, str]:
        """Nanning Art. 9(三): 6 months or more of social insurance paid after the contract was signed.

        True/False when the dates settle it; None when they cannot, so staff check the payment record."""
        signed, months = self.employment.contract_signed_on, self.employment.social_insurance_months
        need = SOCIAL_INSURANCE_MONTHS
        if signed is None:
            return None, _("未填写劳动合同签订日期，无法核对签订合同后%(n)s个月的社保缴纳，请工作人员核查") % {
                "n": need
            }
        earliest = add_months(signed, need)
        if self.as_of < earliest:
            return False, _(
                "劳动合同于 %(s)s 签订，至 %(as_of)s 不满%(n)s个月，尚不能有签订合同后%(n)s个月的社保缴纳"
            ) % {
                "s": signed,
                "as_of": self.as_of,
                "n": need,
            }
        if months is None:
            return None, _("未填写签订合同后的社保缴纳月数，请工作人员核查社保缴纳证明") % {}
        elapsed = (self.as_of.year - signed.year) * 12 + self.as_of.month - signed.month + 1
        if months > elapsed:
            return None, _("填写的社保缴纳 %(m)s 个月多于合同签订（%(s)s）以来的月数，请工作人员核查") % {
                "m": months,
                "s": signed,
            }
        if months < need:
            return False, _("签订合同后社保缴纳 %(m)s 个月，不足%(n)s个月") % {"m": months, "n": need}
        return True, _("签订合同后社保缴纳 %(m)s 个月，不少于%(n)s个月") % {"m": months, "n": need}

    def directory_checks(self) -> list[tuple[bool, str]]:
        """Nanning Art. 5: the directory-enterprise rules, checked once and shared by the criteria that need them."""
        if self._directory_checks is not None:
            return self._directory_checks
        employment, version = self.employment, self.version
        entry = employment.directory_enterprise
        checks = []
        if entry is None:
            checks.append((False, _("所在企业不在急需紧缺人才企业名录内（或未填写）")))
        else:
            listed = entry.joined_on <= self.as_of and (entry.left_on is None or entry.left_on > self.as_of)
            if listed:
                text = _("所在企业于 %(d)s 纳入名录，%(as_of)s 仍在名录内") % {
                    "d": entry.joined_on,
                    "as_of": self.as_of,
                }
            elif entry.joined_on > self.as_of:
                text = _("所在企业 %(d)s 才纳入名录") % {"d": entry.joined_on}
            else:
                text = _("所在企业已于 %(d)s 移出名录") % {"d": entry.left_on}
            checks.append((listed, text))
        hired = employment.hired_on
        if hired is None:
            checks.append((False, _("未填写引进（入职）日期")))
        else:
            if version.directory_hired_after:
                ok = hired > version.directory_hired_after
                text = (_("%(h)s 引进，在 %(d)s 之后") if ok else _("%(h)s 引进，不在 %(d)s 之后")) % {
                    "h": hired,
                    "d": version.directory_hired_after,
                }
                checks.append((ok, text))
            if entry is not None:
                ok = hired > entry.joined_on
                text = (_("在企业纳入名录（%(d)s）之后引进") if ok else _("在企业纳入名录（%(d)s）之前或当日引进")) % {
                    "d": entry.joined_on
                }
                checks.append((ok, text))
        if version.min_contract_years:
            years = employment.contract_years
            ok = years is not None and years >= version.min_contract_years
            if years is None:
                text = _("未填写劳动合同年限（须 %(n)s 年以上，含）") % {"n": version.min_contract_years}
            else:
                text = (_("劳动合同 %(y)s 年，不少于 %(n)s 年") if ok else _("劳动合同 %(y)s 年，少于 %(n)s 年")) % {
                    "y": _plain(years),
                    "n": version.min_contract_years,
                }
            checks.append((ok, text))
        self._directory_checks = checks
        return checks

    def criterion_checks(self, rule: CriterionRule) -> list[tuple[bool, str]]:
        person, employment, params = self.person, self.employment, rule.params
        checks = []
        if params.get("case_by_case"):
            return [(False, _("“一事一议”：无明确标准时由人才工作领导小组审定，不作自动判断"))]
        if "work_permit_class" in params:
            wanted = params["work_permit_class"]
            permit = person.work_permit
            ok = permit is not None and permit.permit_class == wanted
            if permit is None or permit.permit_class is None:
                text = _("未持有（或未填写）%(c)s类外国人工作许可证") % {"c": wanted}
            else:
                text = _("持有%(have)s类工作许可证（要求%(c)s类）") % {"have": permit.permit_class, "c": wanted}
            checks.append((ok, text))
            if permit is not None and permit.valid_until is not None:
                valid = permit.valid_until >= self.as_of
                text = (_("工作许可有效期至 %(d)s") if valid else _("工作许可已于 %(d)s 到期")) % {
                    "d": permit.valid_until
                }
                checks.append((valid, text))
        if params.get("work_permit_issued_by_beihai"):
            ok = person.work_permit is not None and person.work_permit.issued_by_beihai
            checks.append((ok, _("工作许可证由北海市行政审批局颁发") if ok else _("工作许可证非北海市行政审批局颁发")))
        if params.get("r_visa"):
            visa = person.r_visa
            if visa is None:
                checks.append((False, _("未持有外国人才签证（R字签证）")))
            elif visa.valid_until is not None and visa.valid_until < self.as_of:
                checks.append((False, _("R字签证已于 %(d)s 到期") % {"d": visa.valid_until}))
            else:
                checks.append((True, _("持有外国人才签证（R字签证）")))
        if params.get("honour_list"):
            listed = [code for code in person.honours if code in self.version.honour_codes]
            if not listed:
                checks.append((False, _("未获得设区市级以上荣誉称号或人才认定等级")))
            elif all(code in self.version.honours_needing_judgement for code in listed):
                checks.append((True, _("获得其他设区市级以上荣誉称号（需工作人员审查认定）")))
            else:
                checks.append((True, _("获得荣誉称号：%(list)s") % {"list": ", ".join(listed)}))
        if params.get("recommended_by_department"):
            ok = employment.recommended_by_department
            checks.append(
                (
                    ok,
                    _("由市级行业主管部门或自治区级及以上开发区管理部门推荐")
                    if ok
                    else _("未获市级行业主管部门或自治区级及以上开发区管理部门推荐"),
                )
            )
        if "guangxi_talent_levels" in params:
            levels = params["guangxi_talent_levels"]
            level = person.guangxi_talent_level
            ok = level in levels
            if level is None:
                text = _("未认定为广西高层次人才（要求 %(l)s 层次）") % {"l": "/".join(levels)}
            else:
                text = _("广西高层次人才 %(have)s 层次（要求 %(l)s 层次）") % {"have": level, "l": "/".join(levels)}
            checks.append((ok, text))
        if params.get("directory_enterprise"):
            ok = all(passed for passed, _text in self.directory_checks())
            checks.append((ok, _("符合目录企业引进人才条件") if ok else _("不符合目录企业引进人才条件")))
        if "roles" in params:
            ok = employment.role in params["roles"]
            text = _("岗位：%(role)s（要求：%(roles)s）") % {
                "role": labels(EmploymentRole, [employment.role]) if employment.role else _("未填写"),
                "roles": labels(EmploymentRole, params["roles"]),
            }
            checks.append((ok, text))
        if "min_annual_salary_cny" in params:
            minimum = params["min_annual_salary_cny"]
            salary = employment.annual_salary_cny
            ok = salary is not None and salary >= minimum
            if salary is None:
                text = _("未填写年薪（要求不低于 %(min)s 元）") % {"min": _money(minimum)}
            elif ok:
                text = _("年薪 %(s)s 元，不低于 %(min)s 元") % {"s": _money(salary), "min": _money(minimum)}
            else:
                text = _("年薪 %(s)s 元，低于 %(min)s 元") % {"s": _money(salary), "min": _money(minimum)}
            checks.append((ok, text))
        if "degrees" in params:
            ok = person.highest_degree in params["degrees"]
            text = _("最高学位：%(d)s（要求：%(ds)s）") % {
                "d": labels(Degree, [person.highest_degree]) if person.highest_degree else _("未填写"),
                "ds": labels(Degree, params["degrees"]),
            }
            checks.append((ok, text))
        if "max_age_years" in params:
            maximum = params["max_age_years"]
            if person.birth_date is None:
                checks.append((False, _("未填写出生日期（要求 %(n)s 周岁以下，含）") % {"n": maximum}))
            else:
                age = age_on(person.birth_date, self.as_of)
                ok = age <= maximum
                text = (_("%(age)s 周岁，不超过 %(n)s 周岁") if ok else _("%(age)s 周岁，超过 %(n)s 周岁")) % {
                    "age": age,
                    "n": maximum,
                }
                checks.append((ok, text))
        if "skill_levels" in params:
            ok = person.skill_level in params["skill_levels"]
            checks.append((ok, _("具有高级技师资格") if ok else _("不具有高级技师资格")))
        if "foreign_a_class_items" in params:
            items = params["foreign_a_class_items"]
            foreign = person.nationality is not None and person.nationality != "CN"
            checks.append((foreign, _("外国人才") if foreign else _("非外国人才（或未填写国籍）")))
            have = [i for i in person.foreign_a_class_items if i in items]
            ok = bool(have)
            text = _("符合外国高端人才（A类）标准第 %(have)s 项（要求第 %(items)s 项之一）") % {
                "have": ", ".join(map(str, person.foreign_a_class_items)) or "-",
                "items": ", ".join(map(str, items)),
            }
            if not ok:
                text = _("不符合外国高端人才（A类）标准第 %(items)s 项") % {"items": ", ".join(map(str, items))}
            checks.append((ok, text))
        return checks

    def apply_by(self) -> tuple[dt.date | None, bool, str]:
        """Nanning Art. 14: 6 months from meeting the conditions; the transitional hires 3 months from issue.

        (last day, in time, reason). The window is mandatory: without the day the conditions were met the
        application cannot be shown to be in time, so it is not."""
        version, employment = self.version, self.employment
        met, hired = employment.conditions_met_on, employment.hired_on
        if not version.apply_within_months:
            return None, True, ""
        if met is None:
            return (
                None,
                False,
                _("未填写符合认定条件的日期：须在符合认定条件之日起%(m)s个月内申报（第十四条），无法确认是否逾期")
                % {"m": version.apply_within_months},
            )
        if met > self.as_of:
            return (
                None,
                False,
                _("符合认定条件的日期（%(met)s）晚于判断日期（%(as_of)s）")
                % {
                    "met": met,
                    "as_of": self.as_of,
                },
            )
        in_window = (
            hired is not None
            and version.transitional_hired_from is not None
            and version.transitional_hired_until is not None
            and version.transitional_hired_from <= hired <= version.transitional_hired_until
        )
        if in_window and version.transitional_apply_months and met < version.issued_on:
            day = add_months(version.issued_on, version.transitional_apply_months)
            text = _("%(f)s 至 %(u)s 期间引进的人才，须自办法印发之日（%(i)s）起 %(m)s 个月内申报，即 %(d)s 前")
            text = text % {
                "f": version.transitional_hired_from,
                "u": version.transitional_hired_until,
                "i": version.issued_on,
                "m": version.transitional_apply_months,
                "d": day,
            }
        else:
            day = add_months(met, version.apply_within_months)
            text = _("须在符合认定条件（%(met)s）后 %(m)s 个月内申报，即 %(d)s 前") % {
                "met": met,
                "m": version.apply_within_months,
                "d": day,
            }
        in_time = self.as_of <= day
        return day, in_time, text if in_time else _("已超过申报期限：") + text


def _plain(number) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _tier_rank(rule: CriterionRule) -> int:
    return Tier.rank(rule.tier)


def judge(facts: Facts, version: VersionSnapshot | None, *, windows: tuple[VersionWindow, ...] = ()) -> dict:
    """The answer for parsed facts under a version snapshot (None: no version in force on facts.as_of).

    Reasons are in the active language; call inside translation.override() to choose it."""
    answer = {
        "eligible": False,
        "regulation": facts.regulation,
        "as_of": facts.as_of.isoformat(),
        "version": None,
        "tier": None,
        "matched": [],
        "best": None,
        "required_materials": [],
        "apply_by": None,
        "in_scope": False,
        "flags": [],
        "reasons": [],
    }
    if facts.regulation == codes.BEIHAI:
        answer["valid_until"] = None
    else:
        answer["validity_years"] = None

    if version is None:
        answer["reasons"].append(_line(False, _no_version_reason(facts.as_of, windows)))
        return answer

    title = version.title_en if translation.get_language() == "en" else version.title_zh
    answer["version"] = version.code
    reasons = answer["reasons"]
    basis = _("依据《%(t)s》（版本 %(c)s），%(d)s 有效") % {"t": title, "c": version.code, "d": facts.as_of}
    reasons.append(_line(True, basis))
    judge_ = _Judge(facts, version)

    base = judge_.base_checks()
    reasons.extend(_line(ok, text) for ok, text in base)
    base_ok = all(ok for ok, _text in base)

    rules = sorted(version.criteria, key=lambda r: r.sort_order)
    if any(rule.params.get("directory_enterprise") for rule in rules):
        reasons.extend(_line(ok, text, _("目录企业：")) for ok, text in judge_.directory_checks())
    matched = []
    for rule in rules:
        checks = judge_.criterion_checks(rule)
        if rule.params.get("case_by_case"):
            reasons.append(_line(False, checks[0][1], rule.code))
            continue
        reasons.extend(_line(ok, text, rule.code) for ok, text in checks)
        if checks and all(ok for ok, _text in checks):
            matched.append(rule)

    apply_by, in_time, apply_by_text = judge_.apply_by()
    if apply_by is not None:
        answer["apply_by"] = apply_by.isoformat()
    if apply_by_text:
        reasons.append(_line(in_time, apply_by_text))

    if facts.regulation == codes.NANNING:
        insured, text = judge_.social_insurance_check()
        if insured is None:
            answer["flags"].append(text)
            reasons.append(f"{FLAG} {text}")
        else:
            reasons.append(_line(insured, text))
            base_ok = base_ok and insured
    answer["in_scope"] = base_ok and in_time

    if not matched:
        reasons.append(_line(False, _("不符合任何一项认定条件")))
        return answer
    if not (base_ok and in_time):
        return answer

    matched.sort(key=lambda r: (-_tier_rank(r), r.sort_order))
    best = matched[0]
    answer.update(
        eligible=True,
        tier=best.tier or None,
        matched=[r.code for r in matched],
        best=best.code,
        required_materials=list(dict.fromkeys([*version.common_materials, *best.materials])),
    )
    if facts.regulation == codes.BEIHAI:
        answer["valid_until"] = _beihai_valid_until(facts, best)
    else:
        answer["validity_years"] = dict(version.validity_years).get(best.tier)
    summary = _("符合条件：%(list)s；按最高类别认定：%(best)s") % {
        "list": ", ".join(answer["matched"]),
        "best": best.code,
    }
    reasons.append(_line(True, summary))
    return answer


def _beihai_valid_until(facts: Facts, best: CriterionRule) -> str | None:
    """Beihai Art. 3: the recognition lasts as long as the work-and-residence permit (or the R visa)."""
    person = facts.person
    if best.params.get("r_visa"):
        day = person.r_visa.valid_until if person.r_visa else None
    else:
        day = person.work_permit.valid_until if person.work_permit else None
    return day.isoformat() if day else None


def _no_version_reason(as_of: dt.date, windows: tuple[VersionWindow, ...]) -> str:
    ended = [w for w in windows if w.effective_until is not None and w.effective_until < as_of]
    upcoming = [w for w in windows if w.effective_from > as_of]
    if ended:
        last = max(ended, key=lambda w: w.effective_until)
        return _("办法已于 %(end)s 失效（版本 %(code)s），%(as_of)s 无有效版本，不予认定") % {
            "end": last.effective_until,
            "code": last.code,
            "as_of": as_of,
        }
    if upcoming:
        first = min(upcoming, key=lambda w: w.effective_from)
        return _("办法自 %(start)s 起施行（版本 %(code)s），%(as_of)s 尚未施行") % {
            "start": first.effective_from,
            "code": first.code,
            "as_of": as_of,
        }
    return _("%(as_of)s 没有有效的办法版本") % {"as_of": as_of}


def snapshot(version, *, honours=None) -> VersionSnapshot:
    """Read a RegulationVersion (and its criteria, materials, honour list) into an immutable snapshot.
    `honours`: the Honour rows when the caller has them (regulations.reference)."""
    from regulations.models import Honour
    from regulations.policies import policy_for

    criteria = tuple(
        CriterionRule(
            code=c.code,
            tier=c.tier,
            params=dict(c.params or {}),
            materials=tuple(m.code for m in sorted(c.materials.all(), key=lambda m: m.code)),
            sort_order=c.sort_order,
            description_zh=c.description_zh,
            description_en=c.description_en,
        )
        for c in version.criteria.prefetch_related("materials").order_by("sort_order", "code")
    )
    if honours is None:
        honours = Honour.objects.all()
    honours = [(h.code, h.needs_judgement) for h in honours]
    return VersionSnapshot(
        regulation_code=version.regulation.code,
        code=version.code,
        title_zh=version.title_zh,
        title_en=version.title_en,
        issued_on=version.issued_on,
        effective_from=version.effective_from,
        effective_until=version.effective_until,
        criteria=criteria,
        common_materials=tuple(version.common_materials.order_by("id").values_list("material__code", flat=True)),
        honour_codes=frozenset(code for code, _j in honours),
        honours_needing_judgement=frozenset(code for code, judged in honours if judged),
        apply_within_months=version.apply_within_months,
        transitional_hired_from=version.transitional_hired_from,
        transitional_hired_until=version.transitional_hired_until,
        transitional_apply_months=version.transitional_apply_months,
        directory_hired_after=version.directory_hired_after,
        min_contract_years=version.min_contract_years,
        validity_years=tuple(
            (tier, years) for tier in Tier.values if (years := policy_for(version).validity_for(version, tier))
        ),
    )


def evaluate(facts: dict, *, language: str = "zh-hans", consult_register: bool = False) -> dict:
    """Parse the facts, judge them under the version in force on `as_of`; raises FactsError on bad input.

    `consult_register`: look `person.document_number` up in the fraud register (Disqualification). Only
    for an application's own facts and for staff; a public caller must not learn who is on the register.
    """
    from regulations import reference, selectors

    language = "en" if (language or "").lower().startswith("en") else "zh-hans"
    with translation.override(language):
        parsed = parse_facts(facts)
        honours_known = set()
        known = reference.current()
        versions = known.versions(parsed.regulation)
        version = reference.in_force(versions, parsed.as_of)
        snap = known.snapshot(version) if version else None
        if snap is not None:
            honours_known = snap.honour_codes
            for i, code in enumerate(parsed.person.honours):
                if code not in honours_known:
                    key = f"person.honours[{i}]"
                    raise FactsError(
                        _("%(key)s：未知的荣誉称号代码 %(code)s（允许：%(allowed)s）")
                        % {"key": key, "code": code, "allowed": ", ".join(sorted(honours_known))},
                        key=key,
                    )
        if consult_register and not parsed.person.disqualified and parsed.person.document_number:
            if selectors.disqualification_for(
                regulation_code=parsed.regulation, document_number=parsed.person.document_number
            ):
                parsed = replace(parsed, person=replace(parsed.person, disqualified=True))
        windows = tuple(VersionWindow(v.code, v.effective_from, v.effective_until) for v in versions)
        return judge(parsed, snap, windows=windows)
