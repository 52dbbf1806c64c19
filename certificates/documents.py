"""The documents: certificates (Beihai 附件2 and the Nanning design), filled application forms, 附件3."""

import segno
from django.urls import reverse
from django.utils import timezone

from applications import states as s
from certificates import countries, selectors
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
        "nationality_zh": countries.nationality_zh(certificate.nationality),
        "nationality_en": countries.nationality_en(certificate.nationality),
        "tier_zh": Tier.roman_zh(certificate.tier),
        "issuer_zh": policy.issuer_zh,
        "issuer_en": policy.issuer_en,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(certificate) -> bytes:
    return render_pdf(policy_for(certificate).certificate_template, certificate_context(certificate))


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
        "tier_zh": Tier.roman_zh(application.tier),
        "printed_at": timezone.localtime(),
    }


def application_form_pdf(application) -> bytes:
    return render_pdf(policy_for(application).application_form_template, application_form_context(application))


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
