"""What a regulation policy is: everything the workflow needs to know about one regulation, asked in one place.

Thresholds, criteria, deadlines and validity periods are data of the RegulationVersion (admin-editable);
the policy says how the application's answers become eligibility facts, which form fields the regulation's
application form asks and requires, and which role codes (accounts.roles) act on its files.
"""

import datetime as dt

from django.utils.translation import gettext as _

from regulations.policies.fields import fact_label
from regulations.policies.vocabularies import Tier


class ValidityRefused(Exception):
    """The certificate's validity cannot be determined; `message` is translated and safe to show."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, month=3, day=1)


def whole_contract_years(start: dt.date | None, end: dt.date | None) -> int | None:
    """A contract "1 March 2024 to 28 February 2027" is three years: the last day is included."""
    if not (start and end):
        return None
    following = end + dt.timedelta(days=1)
    return following.year - start.year - ((following.month, following.day) < (start.month, start.day))


def _iso(day) -> str | None:
    return day.isoformat() if day else None


class RegulationPolicy:
    code: str = ""
    reference_prefix: str = ""  # application references and certificate numbers
    name = ""  # lazy label
    issuer_zh = ""
    issuer_en = ""
    receiver_zh = ""  # who receives a submission: the receipt (回执) names it
    receiver_en = ""
    forwarded_receiver_zh = ""  # who receives the file the employer recommends, where it does
    forwarded_receiver_en = ""
    certificate_template = ""
    application_form_template = ""

    # Role codes from accounts.roles.
    applicant_role: str = ""
    reviewer_roles: tuple[str, ...] = ()  # preliminary review, return, forward / accept
    decider_roles: tuple[str, ...] = ()  # approve, refuse at decision, revoke
    case_decider_roles: tuple[str, ...] = ()  # decides case-by-case criteria (Nanning Art. 8)
    issuer_roles: tuple[str, ...] = ()  # issue certificates
    notice_roles: tuple[str, ...] = ()  # close a public notice, decide objections
    consulted_roles: tuple[str, ...] = ()  # departments asked for an opinion
    filing_roles: tuple[str, ...] = ()  # record Tier I filings

    has_tiers = False
    has_public_notice = False
    employer_recommends = False  # the employer checks and recommends (Nanning Art. 7(二))
    has_appeal = False  # the applicant may ask for re-review of a refusal (Beihai Art. 13(三))
    office_department = ""  # accounts.Department code of the office that reviews and decides (and answers appeals)
    department_city = ""  # accounts.Department.city of the departments consulted on this regulation's files
    required_consulted_departments: tuple[str, ...] = ()  # department codes always asked for an opinion
    appeal_joint_departments: tuple[str, ...] = ()  # department codes that re-review with the decider
    case_by_case_criteria: tuple[str, ...] = ()
    child_enrolment = False  # the certified talent's employer may file a child-enrolment request (Beihai 附件3)
    employment_end_reported = False  # the employer reports the end of employment; benefits stop (Nanning Art. 11)
    renewal_rule = ""  # gettext_noop msgid: how a recognition is renewed, told when it is about to end

    # The regulation's own numbers, from its text. The version's field of the same name (admin-editable)
    # is what counts; these apply only where a version leaves it empty. None: the regulation has no such period.
    review_sla_working_days: int | None = None  # from acceptance to completion
    appeal_window_working_days: int | None = None  # from receiving the result to asking for re-review
    appeal_answer_days: int | None = None  # calendar days for the joint re-review to answer
    notice_days: int | None = None  # the public notice

    # The application form: model fields and facts (regulations.policies.fields) it asks, and their layout.
    form_fields: tuple[str, ...] = ()
    fact_fields: tuple[str, ...] = ()
    required_fields: tuple[str, ...] = ()
    sections: tuple = ()  # ((legend, (field names...)), ...)
    field_labels: dict = {}  # the regulation's own wording of a shared field
    field_help: dict = {}

    # Misconduct (vocabularies.MisconductReason): which codes revoke, which bar the person from applying
    # again, which count as fraud found during review, and whether the employer's credit is recorded.
    revocation_reasons: tuple[str, ...] = ()
    barring_reasons: tuple[str, ...] = ()
    fraud_reasons: tuple[str, ...] = ()
    employer_credit_article = ""  # empty: the regulation records no employer credit
    disqualification_article = ""

    def __repr__(self):
        return f"<{type(self).__name__} {self.code}>"

    # ---- roles ----

    @property
    def staff_roles(self) -> tuple[str, ...]:
        every = (
            *self.reviewer_roles,
            *self.decider_roles,
            *self.case_decider_roles,
            *self.issuer_roles,
            *self.notice_roles,
            *self.consulted_roles,
            *self.filing_roles,
        )
        return tuple(dict.fromkeys(every))

    @property
    def office_roles(self) -> tuple[str, ...]:
        """Staff who see every file of the regulation (consulted departments see only theirs)."""
        return tuple(r for r in self.staff_roles if r not in self.consulted_roles)

    def is_case_by_case(self, application) -> bool:
        return bool(application.criterion_code) and application.criterion_code in self.case_by_case_criteria

    def decider_roles_for(self, application) -> tuple[str, ...]:
        return self.case_decider_roles if self.is_case_by_case(application) else self.decider_roles

    # ---- periods ----

    PERIODS = ("review_sla_working_days", "appeal_window_working_days", "appeal_answer_days", "notice_days")

    def period(self, version, name: str) -> int | None:
        """The number of days `name` under `version`: the version's setting, else the regulation's own."""
        if name not in self.PERIODS:
            raise ValueError(name)
        value = getattr(version, name, None) if version is not None else None
        return getattr(self, name) if value is None else value

    def notice_period_text(self, version) -> str:
        """How long the public notice runs under `version`, as people read it ("7天", "7 days"); "" if none."""
        days = self.period(version, "notice_days")
        if days is None:
            return ""
        if version is not None and version.notice_counts_working_days:
            return _("%(days)s个工作日") % {"days": days}
        return _("%(days)s天") % {"days": days}

    # ---- the process as applicants see it ----

    def process_steps(self, application) -> list[tuple]:
        """[(step label, {states in that step})] in the order of the regulation's process."""
        return []

    # ---- the form ----

    def all_form_fields(self) -> tuple[str, ...]:
        return (*self.form_fields, *self.fact_fields)

    def required_field_names(self, version=None) -> tuple[str, ...]:
        return self.required_fields

    def field_label(self, application, name: str) -> str:
        if name in self.fact_fields:
            return fact_label(name)
        return str(application._meta.get_field(name).verbose_name)

    def field_value(self, application, name: str):
        if name in self.fact_fields:
            return (application.facts or {}).get(name)
        return getattr(application, name)

    def missing_required(self, application) -> list[str]:
        """Labels of the required fields left empty (a required checkbox counts as empty when unticked)."""
        return [
            self.field_label(application, name)
            for name in self.required_field_names(application.regulation_version)
            if self.field_value(application, name) in (None, "", False, [])
        ]

    # ---- facts for the engine ----

    def city_of(self, organisation) -> str:
        raise NotImplementedError

    def facts_for(self, application, *, as_of: dt.date | None = None) -> dict:
        """The spec §5 facts of `application`: its own fields plus what the form stored in `facts`."""
        from django.utils import timezone

        from regulations.models import DirectoryEnterprise

        extra = dict(application.facts or {})
        organisation = application.organisation
        person = {
            "nationality": application.nationality or None,
            "birth_date": _iso(application.birth_date),
            "highest_degree": application.highest_degree or None,
            "skill_level": extra.get("skill_level") or None,
            "guangxi_talent_level": extra.get("guangxi_talent_level") or None,
            "foreign_a_class_items": [int(i) for i in extra.get("foreign_a_class_items") or []] or None,
            "honours": [application.honour_code] if application.honour_code else None,
            "document_number": application.document_number or None,
        }
        if extra.get("work_permit_class"):
            person["work_permit"] = {
                "class": extra["work_permit_class"],
                "issued_by_beihai": bool(extra.get("work_permit_issued_by_beihai")),
                "valid_until": _iso(application.permit_valid_until),
            }
        if extra.get("has_r_visa"):
            person["r_visa"] = {"valid_until": _iso(application.permit_valid_until)}
        employment = {
            "city": self.city_of(organisation),
            "full_time": application.full_time,
            "civil_service": bool(extra.get("civil_service")) if "civil_service" in extra else None,
            "hired_on": extra.get("hired_on") or None,
            "contract_years": whole_contract_years(application.contract_start, application.contract_end),
            "role": extra.get("role") or None,
            "annual_salary_cny": extra.get("annual_salary_cny"),
            "recommended_by_department": bool(extra.get("recommended_by_department")) or None,
            "conditions_met_on": extra.get("conditions_met_on") or None,
        }
        person, employment = self.extra_facts(application, extra, person, employment)
        entry = DirectoryEnterprise.objects.filter(credit_code=organisation.credit_code).first()
        if entry is not None:
            employment["directory_enterprise"] = {
                "joined_on": entry.joined_on.isoformat(),
                "left_on": _iso(entry.left_on),
                "credit_code": entry.credit_code,
            }
        return {
            "regulation": self.code,
            "as_of": (as_of or timezone.localdate()).isoformat(),
            "person": {k: v for k, v in person.items() if v is not None},
            "employment": {k: v for k, v in employment.items() if v is not None},
        }

    def extra_facts(self, application, extra: dict, person: dict, employment: dict) -> tuple[dict, dict]:
        return person, employment

    # ---- validity ----

    def validity_for(self, version, tier) -> int | None:
        """Years a recognition of `tier` lasts under `version` (RegulationVersion data); None: not in years."""
        return None

    def validity_period(self, application, *, issued_on: dt.date, recognised_on: dt.date | None):
        raise NotImplementedError

    # ---- tiers ----

    def tier_choices(self):
        return Tier.choices if self.has_tiers else []


def refuse_validity(message, code):
    raise ValidityRefused(message, code=code)


def tier_missing():
    refuse_validity(_("尚未确定人才类别，不能签发证书。"), "tier_missing")
