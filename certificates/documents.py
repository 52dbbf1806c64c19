"""The documents: certificates (Beihai 附件2 and the Nanning design), filled application forms, 附件3."""

import segno
from django.urls import reverse
from django.utils import timezone

from accounts.identity import country_name
from applications import states as s
from certificates import selectors
from certificates.rendering import render_pdf, site_url
from regulations.policies import policy_for
from regulations.policies.vocabularies import Tier


def verify_url(certificate) -> str:
    return site_url(reverse("certificates:verify", args=[certificate.verify_token]))


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_context(certificate) -> dict:
    url = verify_url(certificate)
    policy = policy_for(certificate)
    return {
        "certificate": certificate,
        "application": certificate.application,
        "nationality_zh": country_name(certificate.nationality, "zh-hans"),
        "nationality_en": country_name(certificate.nationality, "en"),
        "tier_zh": Tier.roman_zh(certificate.tier),
        "issuer_zh": policy.issuer_zh,
        "issuer_en": policy.issuer_en,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(certificate, *, revoked: bool = False) -> bytes:
    """The certificate; `revoked` marks every page revoked in both languages (what a revoked one downloads as)."""
    context = certificate_context(certificate)
    if revoked:
        log = selectors.recorded_opinions(certificate.application).get(s.T_REVOKE)
        context.update(revoked=True, revoked_on=timezone.localdate(log.at) if log else None)
    return render_pdf(policy_for(certificate).certificate_template, context)


def receipt_context(receipt) -> dict:
    application = receipt.application
    version = application.regulation_version
    policy = policy_for(application)
    forwarded = receipt.transition == s.T_EMPLOYER_RECOMMEND
    return {
        "receipt": receipt,
        "application": application,
        "resubmission": receipt.transition == s.T_RESUBMIT,
        "received_at": timezone.localtime(receipt.received_at),
        "forwarded": forwarded,
        "receiver_zh": policy.forwarded_receiver_zh if forwarded else policy.receiver_zh,
        "receiver_en": policy.forwarded_receiver_en if forwarded else policy.receiver_en,
        "employer_recommends": policy.employer_recommends,
        "acceptance_days": version.acceptance_decision_working_days,
        "review_days": policy.period(version, "review_sla_working_days"),
        "masked_document": selectors.mask_document_number(application.document_number),
        "printed_at": timezone.localtime(),
    }


def receipt_pdf(receipt) -> bytes:
    """The receipt (回执) of one submission, in Chinese and English on one page."""
    return render_pdf("certificates/pdf/receipt.html", receipt_context(receipt))


def application_form_context(application, *, staff_copy: bool = False) -> dict:
    """The filled form. Only the staff copy prints the consulted departments' internal opinions and the
    log entries kept from the applicant."""
    opinions = selectors.recorded_opinions(application, for_applicant=not staff_copy)
    return {
        "application": application,
        "nationality_zh": country_name(application.nationality, "zh-hans"),
        "opinions": opinions,
        "employer_opinion": opinions.get(s.T_EMPLOYER_RECOMMEND),
        "preliminary_opinion": opinions.get(s.T_ACCEPT) or opinions.get(s.T_FORWARD),
        "consultation_done": opinions.get(s.T_FINISH_CONSULTATION),
        "decision_opinion": opinions.get(s.T_APPROVE) or opinions.get(s.T_APPROVE_FOR_NOTICE),
        "notice_result": opinions.get(s.T_CLOSE_NOTICE),
        "refusal": opinions.get(s.T_REFUSE) or opinions.get(s.T_REFUSE_AFTER_OBJECTION),
        "consultations": selectors.department_opinions(application) if staff_copy else [],
        "tier_zh": Tier.roman_zh(application.tier),
        "printed_at": timezone.localtime(),
    }


def application_form_pdf(application, *, staff_copy: bool = False) -> bytes:
    return render_pdf(
        policy_for(application).application_form_template,
        application_form_context(application, staff_copy=staff_copy),
    )


def child_enrolment_pdf(enrolment_request, *, service_request=None) -> bytes:
    """The 附件3 form; with an approved `service_request`, the employer's and SciTech's opinions are filled in."""
    children = list(enrolment_request.children.all())
    # The printed form has at least two rows, as in 附件3, so it can also be completed by hand.
    blanks = range(max(0, 2 - len(children)))
    context = {
        "request": enrolment_request,
        "children": children,
        "blank_rows": blanks,
        "service_request": service_request,
    }
    return render_pdf("certificates/pdf/beihai_child_enrolment.html", context)
