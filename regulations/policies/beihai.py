"""《北海市外籍“高精尖缺”人才认定办法》 (2023): the employer applies for its foreign employee; SciTech decides."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts import roles
from applications import states as s
from regulations.codes import BEIHAI
from regulations.policies.base import RegulationPolicy, refuse_validity
from regulations.policies.vocabularies import City, MisconductReason

PERSON_FIELDS = ("full_name", "sex", "nationality", "birth_date", "document_type", "document_number")


class BeihaiPolicy(RegulationPolicy):
    code = BEIHAI
    reference_prefix = "BH"
    name = gettext_lazy("北海市外籍“高精尖缺”人才")
    issuer_zh = "北海市科学技术局"
    issuer_en = "Beihai Municipal Science and Technology Bureau"
    # Art. 4, 5: the employer submits to SciTech, which collects the materials.
    receiver_zh = "北海市科学技术局"
    receiver_en = "Beihai Municipal Science and Technology Bureau"
    certificate_template = "certificates/pdf/beihai_certificate.html"
    application_form_template = "certificates/pdf/beihai_application_form.html"

    # Art. 4: the employer submits; Art. 5: SciTech reviews, consults, decides and issues.
    applicant_role = roles.EMPLOYER
    reviewer_roles = (roles.BEIHAI_SCITECH_REVIEWER,)
    decider_roles = (roles.BEIHAI_SCITECH_APPROVER,)
    issuer_roles = (roles.BEIHAI_SCITECH_APPROVER,)
    has_appeal = True  # Art. 13(三)
    # Art. 5: the Administrative Approval Bureau and Public Security are always consulted, others as needed;
    # Art. 13(三): SciTech re-reviews jointly with Public Security and Administrative Approval.
    office_department = "beihai-scitech"
    department_city = City.BEIHAI
    required_consulted_departments = ("beihai-approval-bureau", "beihai-public-security")
    appeal_joint_departments = ("beihai-approval-bureau", "beihai-public-security")
    consulted_roles = (roles.BEIHAI_APPROVAL_BUREAU, roles.BEIHAI_PUBLIC_SECURITY, roles.BEIHAI_CONSULTED_DEPARTMENT)
    child_enrolment = True  # 附件3: childcare and public school places for the talent's children
    renewal_rule = gettext_noop("认定有效期以外国人工作居留许可有效期为准；许可延期后，请由聘用单位重新提交认定申请。")

    # Art. 5: at most 5 working days from acceptance to completion; Art. 13(三): re-review asked within 5
    # working days of receiving the result, answered within 15 days. Defaults of the version's settings.
    review_sla_working_days = 5
    appeal_window_working_days = 5
    appeal_answer_days = 15

    form_fields = (
        *PERSON_FIELDS,
        "position",
        "permit_valid_from",
        "permit_valid_until",
        "unit_contact_name",
        "unit_contact_phone",
        "talent_email",
        "honour_code",
        "honour_other_title",
        "condition_statement",
    )
    fact_fields = ("work_permit_class", "work_permit_issued_by_beihai", "has_r_visa", "recommended_by_department")
    required_fields = (
        "full_name",
        "sex",
        "nationality",
        "birth_date",
        "document_number",
        "position",
        "permit_valid_from",
        "permit_valid_until",
        "unit_contact_name",
        "unit_contact_phone",
    )
    sections = (
        (gettext_lazy("申请人基本信息"), PERSON_FIELDS),
        (
            gettext_lazy("工作单位与证件"),
            (
                "position",
                "permit_valid_from",
                "permit_valid_until",
                "work_permit_class",
                "work_permit_issued_by_beihai",
                "has_r_visa",
                "recommended_by_department",
            ),
        ),
        (gettext_lazy("荣誉称号"), ("honour_code", "honour_other_title")),
        (gettext_lazy("单位联系人"), ("unit_contact_name", "unit_contact_phone", "talent_email")),
    )

    field_labels = {
        "permit_valid_from": gettext_lazy("工作居留许可或人才签证有效期起"),
        "permit_valid_until": gettext_lazy("工作居留许可或人才签证有效期至"),
        "document_number": gettext_lazy("护照号码"),
    }
    field_help = {
        "talent_email": gettext_lazy("填写后，申请人用此邮箱注册并验证后可在平台查看进度、下载认定书。"),
    }

    # Art. 13(一): the employer's credit record; Art. 13(二): the foreigner is permanently disqualified.
    revocation_reasons = (MisconductReason.BEIHAI_FRAUD,)
    barring_reasons = (MisconductReason.BEIHAI_FRAUD,)
    fraud_reasons = (MisconductReason.BEIHAI_FRAUD,)
    employer_credit_article = gettext_lazy("北海办法第十三条（一）")
    disqualification_article = gettext_lazy("北海办法第十三条（二）")

    def process_steps(self, application):
        """Art. 5: the employer submits; SciTech reviews, consults the departments, approves and issues."""
        return [
            (_("填写申请"), {s.DRAFT, s.RETURNED}),
            (_("科技局初审"), {s.SUBMITTED}),
            (_("征求部门意见"), {s.CONSULTATION}),
            (_("科技局审批"), {s.AWAITING_DECISION}),
            (_("签发认定书"), {s.RECOGNISED}),
        ]

    def city_of(self, organisation) -> str:
        return City.BEIHAI if organisation.in_beihai else City.OTHER

    def validity_period(self, application, *, issued_on, recognised_on):
        """Art. 3: the recognition lasts as long as the work-and-residence permit (or the R visa)."""
        until = application.permit_valid_until
        if until is None:
            refuse_validity(_("缺少工作居留许可或人才签证的有效期，无法确定认定书有效期。"), "permit_missing")
        if until < issued_on:
            refuse_validity(
                _("工作居留许可或人才签证已于 %(date)s 到期，不能签发认定书。") % {"date": until.isoformat()},
                "permit_expired",
            )
        return issued_on, until
