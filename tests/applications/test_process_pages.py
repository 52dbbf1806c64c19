"""The pages people follow a file on: where it is in the regulation's process, what the Nanning employer must
verify, why it came back, and the public notices linked from the home page."""

import pytest
from django.urls import reverse

from applications import display, services
from applications import states as s
from applications.forms import NanningStartForm
from tests.applications.factories import beihai_draft, nanning_draft, upload_all
from tests.factories import OrganisationFactory, make_credit_code, talent_user

pytestmark = pytest.mark.django_db


def _statuses(application):
    return [(str(step["label"]), step["status"]) for step in display.process_steps(application)]


def test_the_step_indicator_follows_each_regulations_process():
    from regulations.codes import BEIHAI, NANNING
    from tests.reviews.factories import make_application

    assert _statuses(beihai_draft())[0] == ("填写申请", "current")
    consulting = make_application(BEIHAI, s.CONSULTATION)
    assert _statuses(consulting)[:3] == [("填写申请", "done"), ("科技局初审", "done"), ("征求部门意见", "current")]
    steps = _statuses(make_application(NANNING, s.PUBLIC_NOTICE))
    assert [label for label, _ in steps] == [
        "填写申请",
        "单位审核推荐",
        "组织人才局审核",
        "管委会审定",
        "公示7天",
        "认定发证",
    ]
    assert steps[4] == ("公示7天", "current") and steps[5][1] == "todo"
    assert all(status == "done" for _, status in _statuses(make_application(NANNING, s.CERTIFIED)))
    case = _statuses(make_application(NANNING, s.AWAITING_DECISION, criterion_code="NN-CASE"))
    assert case[3] == ("人才工作领导小组一事一议", "current")


def test_a_refused_file_shows_the_step_where_it_ended():
    from applications.models import TransitionLog
    from regulations.codes import NANNING
    from tests.reviews.factories import make_application

    application = make_application(NANNING, s.REFUSED)
    TransitionLog.objects.create(
        application=application, transition=s.T_REFUSE, from_state=s.RECOMMENDED, to_state=s.REFUSED, reason="x"
    )
    statuses = _statuses(application)
    assert statuses[1] == ("单位审核推荐", "done") and statuses[2] == ("组织人才局审核", "stopped")


def _employer(application):
    from tests.factories import employer_user

    return employer_user(application.organisation)


def test_the_nanning_employer_sees_the_talents_data_to_verify_before_recommending(client):
    application = nanning_draft()
    upload_all(application, application.talent)
    services.application_submit(application=application, by=application.talent, pledge_name="李明")
    client.force_login(_employer(application))
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "请核验申请人填写的信息" in page
    from regulations.policies.vocabularies import EmploymentRole

    role = str(EmploymentRole.TECH_BACKBONE.label)
    for shown in ("450102199003011235", "中国 (CN)", "博士研究生", "2024-03-01", role, "良庆区"):
        assert shown in page, shown
    assert page.index("请核验申请人填写的信息") < page.index('name="decision" value="recommend"')


def test_a_non_ftz_organisation_cannot_be_chosen_as_nanning_employer():
    beihai_org = OrganisationFactory(credit_code=make_credit_code(777), in_beihai=True, in_nanning_ftz=False)
    form = NanningStartForm({"credit_code": beihai_org.credit_code})
    assert not form.is_valid()
    assert "南宁片区注册" in form.errors["credit_code"][0]
    with pytest.raises(services.PortalRefused) as refused:
        services.application_create(
            regulation_code="nanning-ftz-urgent-talent", by=talent_user(), organisation=beihai_org
        )
    assert refused.value.code == "organisation"


def test_the_return_reason_is_on_the_edit_page(client):
    from accounts import roles
    from reviews.services import review_return
    from tests.factories import staff_user

    application = beihai_draft()
    upload_all(application, application.created_by)
    services.application_submit(application=application, by=application.created_by, pledge_name="John Smith")
    review_return(
        application=application, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER), reason="护照复印件缺少个人信息页"
    )
    client.force_login(application.created_by)
    page = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert 'id="return-reasons"' in page and "护照复印件缺少个人信息页" in page
    assert 'aria-current="step"' in page


def test_the_home_page_links_the_public_notices(client):
    page = client.get("/").content.decode()
    assert f'href="{reverse("reviews:notices")}"' in page
    from django.utils import translation

    with translation.override("zh-hans"):  # the request activates English in this thread; put it back after
        english = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "See the public notices" in english
