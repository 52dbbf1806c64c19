"""Demo applications in several states, each driven through the same services a user's clicks call.

Idempotent: an application is identified by its organisation and the person's name; one that exists is left
as it is. The only liberty taken is moving a finished demo notice period into the past, so that a
recognised Nanning talent can be shown without waiting seven days.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from applications import services as portal
from applications.models import Application
from demo.accounts import NANNING_ORG
from demo.files import pdf
from regulations.codes import BEIHAI, NANNING
from regulations.models import Criterion, DirectoryEnterprise


def _photo() -> bytes:
    image = Image.new("RGB", (330, 480), (226, 232, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _upload_all(application: Application, by) -> None:
    for code in application.required_material_codes():
        if code == "photo":
            upload = SimpleUploadedFile("photo.png", _photo(), content_type="image/png")
        else:
            upload = SimpleUploadedFile(f"{code}.pdf", pdf(f"{code} - {application.full_name}"), "application/pdf")
        portal.material_upload(application=application, material_code=code, uploaded=upload, by=by)


def _criterion(application: Application, code: str) -> Criterion:
    return application.regulation_version.criteria.get(code=code)


def _exists(organisation, full_name: str) -> bool:
    return Application.objects.filter(organisation=organisation, full_name=full_name).exists()


# ---------------------------------------------------------------- Beihai


BEIHAI_PEOPLE = [
    # (name, sex, nationality, birth date, passport, position, stage)
    (
        "Oliver Bennett",
        "M",
        "GB",
        dt.date(1979, 4, 12),
        "GB5520187",
        "首席海洋工程师 Chief Marine Engineer",
        "certified",
    ),
    ("Sofia Martínez", "F", "ES", dt.date(1986, 9, 3), "PAA884120", "研发总监 R&D Director", "consultation"),
    ("Kenji Watanabe", "M", "JP", dt.date(1990, 1, 27), "TK4471902", "高级研究员 Senior Researcher", "submitted"),
    ("Anna Kowalski", "F", "PL", dt.date(1992, 6, 18), "EK7730215", "数据科学家 Data Scientist", "draft"),
]


def _beihai_draft(*, person, employer) -> Application:
    name, sex, nationality, birth, passport, position, _stage = person
    application = portal.application_create(regulation_code=BEIHAI, by=employer)
    today = timezone.localdate()
    portal.application_save_draft(
        application=application,
        by=employer,
        fields={
            "full_name": name,
            "sex": sex,
            "nationality": nationality,
            "birth_date": birth,
            "document_type": "passport",
            "document_number": passport,
            "position": position,
            "permit_valid_from": today - dt.timedelta(days=200),
            "permit_valid_until": today + dt.timedelta(days=730),
            "talent_email": "talent.beihai@demo.talentportal.cn" if name == "Oliver Bennett" else "",
        },
        facts={"work_permit_class": "A", "work_permit_issued_by_beihai": True},
    )
    application.criterion = _criterion(application, "BH-1")
    application.save()
    return application


def _seed_beihai(org, users) -> list[str]:
    employer = users["employer.beihai@demo.talentportal.cn"]
    reviewer = users["reviewer.beihai@demo.talentportal.cn"]
    approver = users["approver.beihai@demo.talentportal.cn"]
    from reviews import services as review

    created = []
    for person in BEIHAI_PEOPLE:
        name, stage = person[0], person[-1]
        if _exists(org, name):
            continue
        with transaction.atomic():
            application = _beihai_draft(person=person, employer=employer)
            _upload_all(application, employer)
            if stage != "draft":
                portal.application_submit(application=application, by=employer, pledge_name=name)
            if stage in ("consultation", "certified"):
                review.review_accept(application=application, by=reviewer, comment="材料齐全，予以受理。")
                for consultation in application.consultations.select_related("department"):
                    answerer = _department_user(users, consultation.department.code)
                    if stage == "consultation" and consultation.department.code != "beihai-approval-bureau":
                        continue  # the Public Security Bureau has not answered yet
                    review.consultation_answer(
                        consultation=consultation, by=answerer, opinion="agree", comment="经核查，无异议。"
                    )
            if stage == "certified":
                review.review_finish_consultation(application=application, by=reviewer, comment="各部门均同意。")
                review.decision_approve(application=application, by=approver, comment="同意认定。")
        created.append(f"{application.reference} ({name}, {application.state})")
    return created


def _department_user(users, department_code):
    for user in users.values():
        if user.department and user.department.code == department_code:
            return user
    raise LookupError(department_code)


# ---------------------------------------------------------------- Nanning


NANNING_PEOPLE = [
    # (talent email, name, sex, nationality, birth, id number, criterion, stage)
    (
        "talent.nanning@demo.talentportal.cn",
        "李明",
        "M",
        "CN",
        dt.date(1988, 3, 14),
        "450103198803141232",
        "NN-II-3",
        "public_notice",
    ),
    (
        "talent2.nanning@demo.talentportal.cn",
        "张慧",
        "F",
        "CN",
        dt.date(1995, 11, 2),
        "450102199511025625",
        "NN-III-1",
        "submitted",
    ),
    (
        "talent3.nanning@demo.talentportal.cn",
        "阮文安",
        "M",
        "VN",
        dt.date(1984, 7, 9),
        "C7731580",
        "NN-II-2",
        "certified",
    ),
]


def _seed_nanning(org, users) -> list[str]:
    from reviews import notices
    from reviews import services as review

    DirectoryEnterprise.objects.get_or_create(
        credit_code=NANNING_ORG["credit_code"], defaults={"name": NANNING_ORG["name"], "joined_on": dt.date(2022, 3, 1)}
    )
    employer = users["employer.nanning@demo.talentportal.cn"]
    bureau = users["reviewer.nanning@demo.talentportal.cn"]
    committee = users["committee.nanning@demo.talentportal.cn"]
    today = timezone.localdate()
    created = []
    for email, name, sex, nationality, birth, number, criterion_code, stage in NANNING_PEOPLE:
        if _exists(org, name):
            continue
        talent = users[email]
        with transaction.atomic():
            application = portal.application_create(regulation_code=NANNING, by=talent, organisation=org)
            salary = 680_000 if criterion_code == "NN-II-2" else 260_000
            portal.application_save_draft(
                application=application,
                by=talent,
                fields={
                    "full_name": name,
                    "sex": sex,
                    "nationality": nationality,
                    "native_place": "广西南宁" if nationality == "CN" else "",
                    "birth_date": birth,
                    "document_type": "id_card" if nationality == "CN" else "passport",
                    "document_number": number,
                    "position": "高级算法工程师" if criterion_code != "NN-II-2" else "技术副总裁",
                    "county": "良庆区",
                    "full_time": True,
                    "highest_education": "doctorate" if criterion_code == "NN-II-3" else "master",
                    "highest_degree": "doctorate" if criterion_code == "NN-II-3" else "master",
                    "professional_title": "高级工程师",
                    "contract_start": today - dt.timedelta(days=240),
                    "contract_end": today - dt.timedelta(days=240) + dt.timedelta(days=365 * 3 + 1),
                    "phone": "13907710000",
                    "email": email,
                    "education_and_work_history": "2006-2016 广西大学 本科、硕士、博士；2016-至今 从事人工智能研发。",
                    "achievements": "主持东盟跨境数据平台研发，获2024年度南宁市科技进步二等奖。",
                },
                facts={
                    "hired_on": (today - dt.timedelta(days=240)).isoformat(),
                    "role": "senior_manager" if criterion_code == "NN-II-2" else "tech_backbone",
                    "annual_salary_cny": salary,
                    "civil_service": False,
                    "conditions_met_on": (today - dt.timedelta(days=60)).isoformat(),
                    "social_insurance_months": 7,
                    "attests_law_abiding": True,
                    "attests_professional_ethics": True,
                    "attests_health": True,
                },
            )
            application.criterion = _criterion(application, criterion_code)
            application.save()
            _upload_all(application, talent)
            portal.application_submit(application=application, by=talent, pledge_name=name)
            if stage in ("public_notice", "certified"):
                portal.application_employer_decide(
                    application=application, by=employer, recommend=True, opinion="该同志表现优秀，同意推荐。"
                )
                review.review_forward(application=application, by=bureau, comment="经审核，符合认定条件。")
                review.decision_approve(application=application, by=committee, comment="经研究，同意认定。")
            if stage == "certified":
                # Demo liberty: the seven-day notice is moved into the past so that it can close now.
                application.notice_starts_on = today - dt.timedelta(days=10)
                application.notice_ends_on = today - dt.timedelta(days=3)
                application.save()
                notices.notice_close(application=application, by=None)
                review.certificate_issue_action(application=application, by=committee)
        created.append(f"{application.reference} ({name}, {application.state})")
    return created


def seed_applications(*, organisations, users) -> list[str]:
    return _seed_beihai(organisations["beihai"], users) + _seed_nanning(organisations["nanning"], users)
