"""The documents: certificates (Beihai 附件2 and the Nanning design), filled application forms, 附件3."""

import segno
from django.urls import reverse
from django.utils import timezone

from applications import states as s
from certificates import countries, selectors
from certificates.rendering import render_pdf, site_url
from regulations.codes import BEIHAI

TIER_ZH = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ"}
ISSUERS = {
    BEIHAI: ("北海市科学技术局", "Beihai Municipal Science and Technology Bureau"),
    "nanning-ftz-urgent-talent": (
        "中国（广西）自由贸易试验区南宁片区管理委员会",
        "Administrative Committee of Nanning Area, China (Guangxi) Pilot Free Trade Zone",
    ),
}


def verify_url(certificate) -> str:
    return site_url(reverse("certificates:verify", args=[certificate.verify_token]))


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_context(certificate) -> dict:
    url = verify_url(certificate)
    issuer_zh, issuer_en = ISSUERS[certificate.regulation_code]
    return {
        "certificate": certificate,
        "application": certificate.application,
        "nationality_zh": countries.nationality_zh(certificate.nationality),
        "nationality_en": countries.nationality_en(certificate.nationality),
        "tier_zh": TIER_ZH.get(certificate.tier, certificate.tier),
        "issuer_zh": issuer_zh,
        "issuer_en": issuer_en,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(certificate) -> bytes:
    template = "beihai_certificate" if certificate.regulation_code == BEIHAI else "nanning_certificate"
    return render_pdf(f"certificates/pdf/{template}.html", certificate_context(certificate))


# Who receives a submission: Beihai's employer submits to SciTech (Art. 4, 5); a Nanning talent to the employer,
# which recommends to the Organisation and Talent Bureau (Art. 7).
RECEIVERS = {
    BEIHAI: ("北海市科学技术局", "Beihai Municipal Science and Technology Bureau"),
    "nanning-ftz-urgent-talent": ("所在单位（用人单位）", "The applicant's employer"),
}


def receipt_context(receipt) -> dict:
    application = receipt.application
    version = application.regulation_version
    receiver_zh, receiver_en = RECEIVERS[application.regulation_code]
    return {
        "receipt": receipt,
        "application": application,
        "resubmission": receipt.transition == s.T_RESUBMIT,
        "received_at": timezone.localtime(receipt.received_at),
        "receiver_zh": receiver_zh,
        "receiver_en": receiver_en,
        "acceptance_days": version.acceptance_decision_working_days,
        "review_days": version.review_sla_working_days,
        "masked_document": selectors.mask_document_number(application.document_number),
        "printed_at": timezone.localtime(),
    }


def receipt_pdf(receipt) -> bytes:
    """The receipt (回执) of one submission, in Chinese and English on one page."""
    return render_pdf("certificates/pdf/receipt.html", receipt_context(receipt))


def application_form_context(application) -> dict:
    opinions = selectors.recorded_opinions(application)
    return {
        "application": application,
        "nationality_zh": countries.nationality_zh(application.nationality),
        "opinions": opinions,
        "employer_opinion": opinions.get(s.T_EMPLOYER_RECOMMEND),
        "preliminary_opinion": opinions.get(s.T_ACCEPT) or opinions.get(s.T_FORWARD),
        "consultation_done": opinions.get(s.T_FINISH_CONSULTATION),
        "decision_opinion": opinions.get(s.T_APPROVE) or opinions.get(s.T_APPROVE_FOR_NOTICE),
        "notice_result": opinions.get(s.T_CLOSE_NOTICE),
        "refusal": opinions.get(s.T_REFUSE) or opinions.get(s.T_REFUSE_AFTER_OBJECTION),
        "consultations": selectors.department_opinions(application),
        "tier_zh": TIER_ZH.get(application.tier, application.tier),
        "printed_at": timezone.localtime(),
    }


def application_form_pdf(application) -> bytes:
    template = "beihai_application_form" if application.regulation_code == BEIHAI else "nanning_application_form"
    return render_pdf(f"certificates/pdf/{template}.html", application_form_context(application))


def child_enrolment_pdf(enrolment_request) -> bytes:
    children = list(enrolment_request.children.all())
    # The printed form has at least two rows, as in 附件3, so it can also be completed by hand.
    blanks = range(max(0, 2 - len(children)))
    context = {"request": enrolment_request, "children": children, "blank_rows": blanks}
    return render_pdf("certificates/pdf/beihai_child_enrolment.html", context)
