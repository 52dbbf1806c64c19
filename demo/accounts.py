"""Demo organisations and one account per role. Idempotent: existing rows are left as they are."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.credit_code import check_character
from accounts.models import Department, Organisation, User

DEMO_PASSWORD = "Demo-Talent-2026"


def credit_code(first17: str) -> str:
    return first17 + check_character(first17)


BEIHAI_ORG = {
    "credit_code": credit_code("91450500MA5L2B3C4"),
    "name": "北海蓝湾海洋科技有限公司",
    "address": "广西北海市银海区北部湾东路288号",
    "in_beihai": True,
    "in_nanning_ftz": False,
    "contact_person": "陈晓燕",
    "contact_phone": "0779-3051234",
}
NANNING_ORG = {
    "credit_code": credit_code("91450100MA5N6P7Q8"),
    "name": "南宁东盟数智科技有限公司",
    "address": "广西南宁市良庆区五象大道401号",
    "in_beihai": False,
    "in_nanning_ftz": True,
    "contact_person": "黄志强",
    "contact_phone": "0771-5608899",
}


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    organisation: str | None = None  # "beihai" / "nanning"
    department: str | None = None
    superuser: bool = False


ACCOUNTS = [
    DemoAccount("admin@demo.talentportal.cn", "系统管理员", "", superuser=True),
    DemoAccount("employer.beihai@demo.talentportal.cn", "陈晓燕", roles.EMPLOYER, organisation="beihai"),
    DemoAccount("employer.nanning@demo.talentportal.cn", "黄志强", roles.EMPLOYER, organisation="nanning"),
    DemoAccount("talent.nanning@demo.talentportal.cn", "李明", roles.TALENT),
    DemoAccount("talent2.nanning@demo.talentportal.cn", "张慧", roles.TALENT),
    DemoAccount("talent3.nanning@demo.talentportal.cn", "阮文安", roles.TALENT),
    DemoAccount("talent.beihai@demo.talentportal.cn", "Oliver Bennett", roles.TALENT),
    DemoAccount(
        "reviewer.beihai@demo.talentportal.cn", "周科审", roles.BEIHAI_SCITECH_REVIEWER, department="beihai-scitech"
    ),
    DemoAccount(
        "approver.beihai@demo.talentportal.cn", "吴科批", roles.BEIHAI_SCITECH_APPROVER, department="beihai-scitech"
    ),
    DemoAccount(
        "approval-bureau.beihai@demo.talentportal.cn",
        "郑审批",
        roles.BEIHAI_APPROVAL_BUREAU,
        department="beihai-approval-bureau",
    ),
    DemoAccount(
        "police.beihai@demo.talentportal.cn",
        "王警官",
        roles.BEIHAI_PUBLIC_SECURITY,
        department="beihai-public-security",
    ),
    DemoAccount(
        "health.beihai@demo.talentportal.cn", "刘卫健", roles.BEIHAI_CONSULTED_DEPARTMENT, department="beihai-health"
    ),
    DemoAccount(
        "reviewer.nanning@demo.talentportal.cn",
        "覃人才",
        roles.NANNING_TALENT_BUREAU_REVIEWER,
        department="nanning-talent-bureau",
    ),
    DemoAccount(
        "committee.nanning@demo.talentportal.cn",
        "蒙管委",
        roles.NANNING_COMMITTEE_APPROVER,
        department="nanning-committee",
    ),
    DemoAccount(
        "leadership.nanning@demo.talentportal.cn",
        "韦组长",
        roles.NANNING_LEADERSHIP_GROUP,
        department="nanning-leadership-group",
    ),
    DemoAccount("auditor@demo.talentportal.cn", "欧审计", roles.AUDITOR),
]


def seed_organisations() -> dict[str, Organisation]:
    result = {}
    for key, data in (("beihai", BEIHAI_ORG), ("nanning", NANNING_ORG)):
        defaults = {k: v for k, v in data.items() if k != "credit_code"}
        # The demo's organisations have had their business licence checked (issue 9: unverified ones cannot act).
        defaults.update(verified_at=timezone.now(), verification_note="demo")
        org, _ = Organisation.objects.get_or_create(credit_code=data["credit_code"], defaults=defaults)
        result[key] = org
    return result


def seed_accounts(organisations: dict[str, Organisation]) -> dict[str, User]:
    users = {}
    for account in ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User(
                email=account.email,
                full_name=account.full_name,
                organisation=organisations.get(account.organisation) if account.organisation else None,
                department=Department.objects.filter(code=account.department).first() if account.department else None,
                is_staff=account.superuser or account.role in roles.STAFF_ROLES,
                is_superuser=account.superuser,
                email_verified_at=timezone.now(),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            if account.role:
                user.groups.add(Group.objects.get(name=account.role))
        users[account.email] = user
    return users


def seed_licences(organisations: dict[str, Organisation], users: dict[str, User]) -> None:
    """The demo's organisations are verified, so each has its business licence on file, uploaded by its employer
    user through the portal's own service (staff verify only an organisation with a licence on file)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services import organisation_licence_upload
    from demo.files import pdf

    for key, organisation in organisations.items():
        if organisation.licences.filter(is_current=True).exists():
            continue
        employer = next(users[a.email] for a in ACCOUNTS if a.organisation == key and a.role == roles.EMPLOYER)
        organisation_licence_upload(
            organisation=organisation,
            uploaded=SimpleUploadedFile(
                "营业执照.pdf", pdf(f"Business licence - {organisation.credit_code}"), "application/pdf"
            ),
            by=employer,
        )
