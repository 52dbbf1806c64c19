"""After a regulation version's end date (spec §1).

南宁办法第十五条：“本办法自印发之日起施行，有效期至2026年12月7日止。”

Files submitted under it finish under it; a returned file is told the end date and goes on under it; a draft
cannot be submitted under it; the administrator copies the version as a successor in one action.
"""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse

from accounts import roles
from applications import services as portal
from applications import states as s
from regulations.codes import NANNING
from regulations.models import RegulationVersion
from regulations.services import regulation_version_copy
from reviews import services as review
from tests.applications.factories import nanning_draft, upload_all
from tests.clock import set_now
from tests.factories import UserFactory, staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _nanning_version():
    return RegulationVersion.objects.get(regulation__code=NANNING, effective_until=dt.date(2026, 12, 7))


def test_a_file_in_review_finishes_under_the_version_of_its_submission(monkeypatch):
    version = _nanning_version()
    set_now(monkeypatch, "2026-12-01 10:00")
    application = make_application(NANNING, s.RECOMMENDED, submitted_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC))
    set_now(monkeypatch, "2026-12-10 10:00")  # three days after the end date

    review.review_forward(application=application, by=staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    review.decision_approve(application=application, by=staff_user(roles.NANNING_COMMITTEE_APPROVER))
    application.refresh_from_db()
    assert application.state == s.PUBLIC_NOTICE
    assert application.regulation_version_id == version.pk
    assert application.notice_ends_on == dt.date(2026, 12, 17)  # the version's 7-day notice still applies
    assert "继续按该版本办结" in portal.version_ended_notice(application)


def test_a_returned_file_is_told_the_end_date_and_may_still_be_resubmitted_under_it(client, monkeypatch):
    set_now(monkeypatch, "2026-12-01 10:00")
    application = nanning_draft()
    upload_all(application, application.talent)
    portal.application_submit(application=application, by=application.talent, pledge_name="李明")
    portal.application_employer_decide(
        application=application, by=_employer_of(application), recommend=False, opinion="合同复印件缺页"
    )
    set_now(monkeypatch, "2026-12-10 10:00")

    client.force_login(application.talent)
    for name in ("applications:detail", "applications:edit"):
        page = client.get(reverse(name, args=[application.pk])).content.decode()
        assert "2026-12-07" in page and "2026-12-01" in page and "补正后重新提交仍按该版本审查" in page, name

    version = application.regulation_version
    result = portal.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert result.application.state == s.SUBMITTED
    assert result.application.regulation_version_id == version.pk


def _employer_of(application):
    from tests.factories import employer_user

    return employer_user(application.organisation)


def test_a_draft_cannot_be_submitted_after_the_end_date_and_is_pointed_to_the_successor(monkeypatch):
    set_now(monkeypatch, "2026-12-01 10:00")
    application = nanning_draft()
    upload_all(application, application.talent)
    set_now(monkeypatch, "2026-12-10 10:00")

    with pytest.raises(portal.PortalRefused) as refused:
        portal.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert any("已于2026-12-07失效" in line for line in refused.value.messages)

    successor = regulation_version_copy(version=_nanning_version(), by=None)
    with pytest.raises(portal.PortalRefused) as refused:
        portal.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert any("2026-12-07" in line and "请按现行的" in line for line in refused.value.messages)
    assert successor.effective_from == dt.date(2026, 12, 8)


def test_the_copy_has_every_setting_criterion_and_material_of_the_original():
    original = _nanning_version()
    copy = regulation_version_copy(version=original, by=None)

    assert copy.code == f"{original.code}-copy" and copy.regulation_id == original.regulation_id
    assert (copy.effective_from, copy.effective_until) == (dt.date(2026, 12, 8), None)
    for field in ("title_zh", "notice_days", "apply_within_months", "validity_years_tier_i", "min_contract_years"):
        assert getattr(copy, field) == getattr(original, field), field
    assert "复制自" in copy.source_note
    pairs = lambda v: {  # noqa: E731
        (c.code, c.tier, str(c.params), tuple(sorted(c.materials.values_list("code", flat=True))))
        for c in v.criteria.all()
    }
    assert pairs(copy) == pairs(original) and len(pairs(copy)) == 10
    assert set(copy.common_materials.values_list("material__code", flat=True)) == set(
        original.common_materials.values_list("material__code", flat=True)
    )
    # Copying again never collides with the first copy.
    assert regulation_version_copy(version=original, by=None).code == f"{original.code}-copy-2"


def test_the_admin_copies_a_version_in_one_action_and_it_is_audited(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin.save()
    client.force_login(admin, backend=MODEL_BACKEND)
    original = _nanning_version()
    response = client.post(
        reverse("admin:regulations_regulationversion_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [original.pk]},
        follow=True,
    )
    assert response.status_code == 200
    copy = RegulationVersion.objects.get(code=f"{original.code}-copy")
    assert copy.code in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(copy.pk))
    assert entry.action_flag == ADDITION and entry.user == admin and original.code in entry.change_message
    assert copy.history.get().history_user == admin


def test_staff_without_the_add_permission_do_not_get_the_copy_action(client):
    clerk = UserFactory(is_staff=True)
    clerk.save()
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(Permission.objects.get(codename="view_regulationversion"))
    client.force_login(clerk, backend=MODEL_BACKEND)
    original = _nanning_version()
    client.post(
        reverse("admin:regulations_regulationversion_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [original.pk]},
    )
    assert not RegulationVersion.objects.filter(code__startswith=f"{original.code}-copy").exists()
