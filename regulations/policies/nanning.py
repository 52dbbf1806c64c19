"""《南宁片区急需紧缺人才认定办法（征求意见稿）》: the talent applies, the employer recommends, the bureau reviews,
the committee (or, case by case, the leadership group) decides, a 7-day notice runs, then the certificate."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts import roles
from applications import states as s
from regulations.codes import NANNING, NN_CASE
from regulations.policies.base import RegulationPolicy, add_years, tier_missing
from regulations.policies.fields import BASIC_CONDITION_ATTESTATIONS
from regulations.policies.vocabularies import City, MisconductReason, Tier

PERSON_FIELDS = ("full_name", "sex", "nationality", "birth_date", "document_type", "document_number")


class NanningPolicy(RegulationPolicy):
    code = NANNING
    reference_prefix = "NN"
    name = gettext_lazy("南宁片区急需紧缺人才")
    issuer_zh = "中国（广西）自由贸易试验区南宁片区管理委员会"
    issuer_en = "Administrative Committee of Nanning Area, China (Guangxi) Pilot Free Trade Zone"
    # Art. 7(一)(二): the talent applies to the employer, which checks and recommends to the bureau.
    receiver_zh = "所在单位（用人单位）"
    receiver_en = "The applicant's employer"
    # Art. 6: 自贸试验区南宁片区管委会组织人才局负责受理.
    forwarded_receiver_zh = "自贸试验区南宁片区管委会组织人才局"
    forwarded_receiver_en = "Organisation and Talent Bureau, Administrative Committee of the Nanning Area"
    certificate_template = "certificates/pdf/nanning_certificate.html"
    application_form_template = "certificates/pdf/nanning_application_form.html"

    # Art. 7: the individual applies; the employer recommends; the Organisation and Talent Bureau reviews;
    # the Management Committee decides and settles objections. Art. 8: the leadership group decides NN-CASE.
    applicant_role = roles.TALENT
    reviewer_roles = (roles.NANNING_TALENT_BUREAU_REVIEWER,)
    decider_roles = (roles.NANNING_COMMITTEE_APPROVER,)
    case_decider_roles = (roles.NANNING_LEADERSHIP_GROUP,)
    issuer_roles = (roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP)
    notice_roles = (roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP)
    filing_roles = (roles.NANNING_TALENT_BUREAU_REVIEWER, roles.NANNING_COMMITTEE_APPROVER)

    office_department = "nanning-talent-bureau"  # Art. 6: the Organisation and Talent Bureau accepts and reviews
    has_tiers = True
    has_public_notice = True
    employer_recommends = True
    case_by_case_criteria = (NN_CASE,)
    employment_end_reported = True  # Art. 11 ¶2: benefits stop when the person leaves the zone's employ
    renewal_rule = gettext_noop(
        "有效期满后可再次申请认定（办法第十一条）；有效期内达到更高类别条件的，可申请更高类别的认定。"
    )
    notice_days = 7  # Art. 7(四): a 7-day public notice; the version's setting says how long and how counted

    form_fields = (
        *PERSON_FIELDS,
        "native_place",
        "phone",
        "email",
        "employer_address",
        "full_time",
        "position",
        "county",
        "highest_education",
        "highest_degree",
        "professional_title",
        "vocational_qualification",
        "contract_start",
        "contract_end",
        "permit_valid_until",
        "condition_statement",
        "education_and_work_history",
        "achievements",
    )
    fact_fields = (
        "civil_service",
        "hired_on",
        "role",
        "annual_salary_cny",
        "guangxi_talent_level",
        "skill_level",
        "foreign_a_class_items",
        "work_permit_class",
        "conditions_met_on",
        "social_insurance_months",
        *BASIC_CONDITION_ATTESTATIONS,
    )
    required_fields = (
        "full_name",
        "sex",
        "nationality",
        "birth_date",
        "document_number",
        "position",
        "employer_address",
        "full_time",
        "county",
        "highest_education",
        "highest_degree",
        "contract_start",
        "contract_end",
        "phone",
        "email",
        "education_and_work_history",
        *BASIC_CONDITION_ATTESTATIONS,
    )
    sections = (
        (
            gettext_lazy("基本信息"),
            (
                "full_name",
                "sex",
                "birth_date",
                "nationality",
                "native_place",
                "document_type",
                "document_number",
                "phone",
                "email",
            ),
        ),
        (
            gettext_lazy("工作情况"),
            (
                "employer_address",
                "county",
                "full_time",
                "civil_service",
                "position",
                "role",
                "hired_on",
                "contract_start",
                "contract_end",
                "social_insurance_months",
                "annual_salary_cny",
            ),
        ),
        (
            gettext_lazy("学历、学位、职称与资格"),
            (
                "highest_education",
                "highest_degree",
                "professional_title",
                "vocational_qualification",
                "skill_level",
                "guangxi_talent_level",
            ),
        ),
        (gettext_lazy("外籍人才（中国籍免填）"), ("foreign_a_class_items", "work_permit_class", "permit_valid_until")),
        (gettext_lazy("申报条件与经历"), ("conditions_met_on", "education_and_work_history", "achievements")),
        (gettext_lazy("基本条件（第五条）"), BASIC_CONDITION_ATTESTATIONS),
    )

    field_labels = {
        "document_number": gettext_lazy("身份证号码或护照号码"),
        "permit_valid_until": gettext_lazy("外国人工作许可有效期至（外籍人才填写）"),
    }
    field_help = {
        "highest_degree": gettext_lazy("第五条所称学位：博士、硕士或学士学位（以学位证书为准，不是学历）。"),
    }

    # Art. 12: (一)–(四) revoke; (一)–(三) bar any new application. (一) is the fraud that can surface in review.
    revocation_reasons = (
        MisconductReason.FALSE_MATERIALS,
        MisconductReason.ILLEGAL_ACTS,
        MisconductReason.ACADEMIC_FRAUD,
        MisconductReason.STOPPED_WORKING,
    )
    barring_reasons = (MisconductReason.FALSE_MATERIALS, MisconductReason.ILLEGAL_ACTS, MisconductReason.ACADEMIC_FRAUD)
    fraud_reasons = (MisconductReason.FALSE_MATERIALS, MisconductReason.ACADEMIC_FRAUD)
    disqualification_article = gettext_lazy("南宁办法第十二条")

    def required_field_names(self, version=None):
        """Art. 14: where the version has an application window, the day the conditions were met is required."""
        names = self.required_fields
        if version is None or version.apply_within_months:
            names = (*names, "conditions_met_on")
        return names

    def process_steps(self, application):
        """Art. 7: the talent applies, the employer recommends, the bureau reviews, the committee (Art. 8: the
        leadership group, case by case) decides, the notice runs, then recognition and the certificate."""
        notice = _("公示%(period)s") % {"period": self.notice_period_text(application.regulation_version)}
        decision = _("人才工作领导小组一事一议") if self.is_case_by_case(application) else _("管委会审定")
        return [
            (_("填写申请"), {s.DRAFT, s.RETURNED}),
            (_("单位审核推荐"), {s.SUBMITTED}),
            (_("组织人才局审核"), {s.RECOMMENDED}),
            (decision, {s.AWAITING_DECISION}),
            (notice, {s.PUBLIC_NOTICE}),
            (_("认定发证"), {s.RECOGNISED}),
        ]

    def city_of(self, organisation) -> str:
        return City.NANNING_FTZ if organisation.in_nanning_ftz else City.OTHER

    def extra_facts(self, application, extra, person, employment):
        person["basic_conditions_attested"] = all(extra.get(name) for name in BASIC_CONDITION_ATTESTATIONS)
        employment["contract_signed_on"] = (
            application.contract_start.isoformat() if application.contract_start else None
        )
        employment["social_insurance_months"] = extra.get("social_insurance_months")
        return person, employment

    def validity_for(self, version, tier) -> int | None:
        """Art. 11: the years of each tier are settings of the version (I: 5, II and III: 3 in the draft)."""
        return {
            Tier.I: version.validity_years_tier_i,
            Tier.II: version.validity_years_tier_ii,
            Tier.III: version.validity_years_tier_iii,
        }.get(tier)

    def validity_period(self, application, *, issued_on, recognised_on):
        years = self.validity_for(application.regulation_version, application.tier)
        if not years:
            tier_missing()
        start = recognised_on or issued_on
        return start, add_years(start, years) - dt.timedelta(days=1)
