"""A regulation difference is asked of its policy, written once.

The regulation's own numbers (Beihai Art. 5: 5 working days; Art. 13(三): 5 working days to ask, 15 days to
answer; Nanning Art. 7: a 7-day notice) are its policy's; the version's setting, which staff edit, wins.
What a regulation has (appeals, child enrolment, the employer's recommendation) is a policy attribute, so a
third regulation is one more policy module and nothing else.
"""

import datetime
import re
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import roles
from applications import display
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused
from certificates.templatetags.certificates_portal import applicant_certificate_panel
from regulations import policies
from regulations.codes import BEIHAI, NANNING
from regulations.models import Regulation, RegulationVersion
from regulations.policies import RegulationPolicy, policy_for
from reviews import appeals, deadlines
from reviews.models import APPEAL_OVERTURNED, APPEAL_UPHELD
from reviews.templatetags.reviews_portal import applicant_review_panel
from tests.factories import OrganisationFactory, employer_user, staff_user
from tests.reviews.factories import department_user, make_application, version_for

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)  # no public holiday in the fortnight that follows


def _today(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def _version(code, **settings):
    version = version_for(code)
    for name, value in settings.items():
        setattr(version, name, value)
    version.save()
    return version


# ---------------------------------------------------------------- the numbers: version first, then the policy


def test_the_regulations_own_numbers_are_its_policys():
    beihai, nanning = policy_for(BEIHAI), policy_for(NANNING)
    assert (beihai.review_sla_working_days, beihai.appeal_window_working_days, beihai.appeal_answer_days) == (5, 5, 15)
    assert beihai.notice_days is None  # Beihai has no public notice
    assert nanning.notice_days == 7
    assert (nanning.review_sla_working_days, nanning.appeal_window_working_days) == (None, None)


def test_a_beihai_version_without_a_review_limit_takes_the_five_working_days_of_art_5():
    version = _version(BEIHAI, review_sla_working_days=None)
    assert deadlines.review_due(MONDAY, version).on == datetime.date(2026, 3, 9)


def test_changing_the_versions_review_limit_moves_the_deadline():
    version = _version(BEIHAI, review_sla_working_days=8)
    assert deadlines.review_due(MONDAY, version).on == datetime.date(2026, 3, 12)


def test_a_regulation_without_a_review_limit_sets_no_review_deadline():
    version = _version(NANNING, review_sla_working_days=None)
    assert deadlines.review_due(MONDAY, version).on is None


def test_the_notice_runs_the_versions_days_else_nanning_art_7s_seven():
    assert deadlines.notice_end(MONDAY, _version(NANNING, notice_days=None)).on == datetime.date(2026, 3, 9)
    assert deadlines.notice_end(MONDAY, _version(NANNING, notice_days=10)).on == datetime.date(2026, 3, 12)


def test_the_appeal_periods_are_the_versions_else_beihai_art_13s():
    version = _version(BEIHAI, appeal_window_working_days=None, appeal_answer_days=None)
    assert deadlines.appeal_window_end(MONDAY, version).on == datetime.date(2026, 3, 9)
    assert deadlines.appeal_answer_due(MONDAY, version).on == datetime.date(2026, 3, 17)
    version = _version(BEIHAI, appeal_window_working_days=10, appeal_answer_days=10)
    assert deadlines.appeal_window_end(MONDAY, version).on == datetime.date(2026, 3, 16)
    assert deadlines.appeal_answer_due(MONDAY, version).on == datetime.date(2026, 3, 12)


def test_the_notice_step_shown_to_the_applicant_reads_the_versions_days():
    application = make_application(NANNING, s.PUBLIC_NOTICE)
    labels = [str(step["label"]) for step in display.process_steps(application)]
    assert "公示7天" in labels
    application.regulation_version.notice_days = 10
    application.regulation_version.notice_counts_working_days = True
    labels = [str(step["label"]) for step in display.process_steps(application)]
    assert "公示10个工作日" in labels and "公示7天" not in labels


def test_the_home_page_states_the_periods_of_the_versions_in_force():
    client = Client()
    with _today(MONDAY):
        page = client.get(reverse("home")).content.decode()
    assert "5个工作日内办结" in page and "公示7天后" in page
    _version(BEIHAI, review_sla_working_days=6)
    _version(NANNING, notice_days=9)
    with _today(MONDAY):
        page = client.get(reverse("home")).content.decode()
    assert "6个工作日内办结" in page and "公示9天后" in page


def test_the_appeal_window_message_names_the_versions_days():
    _version(BEIHAI, appeal_window_working_days=3)
    application = make_application(state=s.REFUSED, result_notified_on=MONDAY)
    with _today(datetime.date(2026, 3, 20)), translation.override("zh-hans"):
        refusal = appeals.appeal_refusal(application, employer_user(application.organisation))
    assert refusal.code == "window"
    assert "3个工作日内" in refusal.message and "2026-03-05" in refusal.message


# ---------------------------------------------------------------- department names come from data


def _appeal_with_one_opinion():
    application = make_application(state=s.REFUSED, result_notified_on=MONDAY)
    with _today(MONDAY):
        appeal = appeals.appeal_file(
            application=application, by=employer_user(application.organisation), grounds="该外籍人才持有A类许可"
        )
    appeals.appeal_opinion_give(
        appeal=appeal, by=department_user("beihai-approval-bureau"), opinion=APPEAL_UPHELD, comment="维持"
    )
    return appeal


@pytest.mark.parametrize(
    ("language", "owed", "given"),
    [
        ("zh-hans", "北海市公安局", "北海市行政审批局"),
        ("en", "Beihai Public Security Bureau", "Beihai Administrative Approval Bureau"),
    ],
)
def test_the_decision_waits_and_names_the_departments_still_owing_their_opinion(language, owed, given):
    appeal = _appeal_with_one_opinion()
    approver = staff_user(roles.BEIHAI_SCITECH_APPROVER)
    with translation.override(language), pytest.raises(TransitionRefused) as refused:
        appeals.appeal_decide(appeal=appeal, by=approver, outcome=APPEAL_OVERTURNED, answer="撤销")
    assert refused.value.code == "condition"
    assert owed in refused.value.message and given not in refused.value.message


def test_a_renamed_department_is_named_as_the_data_says():
    from accounts.models import Department

    Department.objects.filter(code="beihai-public-security").update(name_zh="北海市公安局出入境管理支队")
    appeal = _appeal_with_one_opinion()
    with translation.override("zh-hans"), pytest.raises(TransitionRefused) as refused:
        appeals.appeal_decide(
            appeal=appeal, by=staff_user(roles.BEIHAI_SCITECH_APPROVER), outcome=APPEAL_UPHELD, answer="维持"
        )
    assert "北海市公安局出入境管理支队" in refused.value.message


def test_the_consultation_choice_names_the_departments_always_consulted():
    from reviews.forms import AcceptForm

    with translation.override("zh-hans"):
        label = str(AcceptForm(application=make_application()).fields["departments"].label)
    assert "北海市行政审批局" in label and "北海市公安局" in label


# ---------------------------------------------------------------- a third regulation is one policy module

THIRD = "test-third-regulation"


class ThirdPolicy(RegulationPolicy):
    """A test-only regulation: the employer applies, the result may be appealed, children may be enrolled."""

    code = THIRD
    reference_prefix = "TT"
    name = "第三办法"
    applicant_role = roles.EMPLOYER
    has_appeal = True
    child_enrolment = True
    renewal_rule = "第三办法的续期规则"
    office_department = "beihai-scitech"
    appeal_joint_departments = ("beihai-health",)
    appeal_window_working_days = 10
    appeal_answer_days = 20


@pytest.fixture
def third(monkeypatch):
    monkeypatch.setitem(policies._REGISTRY, THIRD, ThirdPolicy())
    regulation = Regulation.objects.create(code=THIRD)
    version = RegulationVersion.objects.create(
        regulation=regulation,
        code="test-third-2026",
        title_zh="第三办法",
        title_en="Third measures",
        issued_on=datetime.date(2026, 1, 1),
        effective_from=datetime.date(2026, 1, 1),
    )
    organisation = OrganisationFactory()
    employer = employer_user(organisation)

    def make(state):
        return Application.objects.create(
            regulation_version=version,
            organisation=organisation,
            created_by=employer,
            state=state,
            full_name="Jane Doe",
            result_notified_on=MONDAY,
        )

    return make, employer


def test_a_third_regulation_with_appeals_offers_the_appeal_with_its_own_window(third):
    make, employer = third
    application = make(s.REFUSED)
    with _today(MONDAY):
        panel = applicant_review_panel(application, employer)
    assert panel["can_appeal"] and panel["panel_visible"]
    assert panel["appeal_deadline"] == datetime.date(2026, 3, 16)  # its policy's 10 working days
    with translation.override("zh-hans"):
        terms = appeals.appeal_terms(application)
    assert terms["office"] == "北海市科学技术局"
    assert (terms["departments"], terms["answer_days"]) == ("北海市卫生健康委员会", 20)


def test_a_third_regulation_with_child_enrolment_offers_it_once_certified(third):
    make, employer = third
    assert applicant_certificate_panel(make(s.CERTIFIED), employer)["child_enrolment"]
    assert not applicant_certificate_panel(make(s.REFUSED), employer)["child_enrolment"]


def test_a_regulation_without_appeals_offers_none():
    application = make_application(NANNING, s.REFUSED, result_notified_on=MONDAY)
    with _today(MONDAY):
        panel = applicant_review_panel(application, application.talent)
    assert not panel["can_appeal"] and panel["appeals"] == []


def test_the_renewal_rule_told_before_expiry_is_the_policys():
    from benefits.services import renewal_text

    with translation.override("zh-hans"):
        assert renewal_text(make_application(NANNING, s.CERTIFIED)).startswith("有效期满后可再次申请认定")
        assert renewal_text(make_application(BEIHAI, s.CERTIFIED)).startswith("认定有效期以外国人工作居留许可")


# ---------------------------------------------------------------- nothing else branches on the regulation

APP_DIRS = ("accounts", "api", "applications", "audit", "benefits", "certificates", "notifications", "reviews")
BRANCH = re.compile(r"is_beihai|is_nanning|[=!]=\s*(codes\.)?(BEIHAI|NANNING)\b|(BEIHAI|NANNING)\s*[=!]=")


# Application.is_beihai / is_nanning stay for data generators and tests; their own definitions compare codes.
DEFINITIONS = {"return self.regulation_code == BEIHAI", "return self.regulation_code == NANNING"}


def test_no_app_outside_the_policies_branches_on_which_regulation_a_file_is_under():
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for folder in (*APP_DIRS, "templates"):
        for path in (root / folder).rglob("*"):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.strip()
                if BRANCH.search(code) and not code.startswith("def is_") and code not in DEFINITIONS:
                    offenders.append(f"{path.relative_to(root)}:{number}: {code}")
    assert offenders == []


def test_the_recommending_employer_is_told_the_bureau_by_its_name_in_the_data():
    application = make_application(NANNING, s.SUBMITTED)
    client = Client()
    client.force_login(employer_user(application.organisation))
    response = client.post(
        reverse("applications:employer_decide", args=[application.pk]),
        {"decision": "recommend", "opinion": "情况属实，同意推荐"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    told = [str(message) for message in response.context["messages"]]
    assert "已推荐，申请已报送自贸试验区南宁片区管委会组织人才局。" in told
