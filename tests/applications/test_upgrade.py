"""Nanning Art. 11: during a recognition's validity a talent may apply only for a higher tier; the new
recognition replaces the old one when its certificate is issued."""

import pytest

from applications import services
from applications import states as s
from applications.models import Application
from regulations.models import Criterion
from tests.applications.factories import nanning_draft, upload_all
from tests.factories import talent_user

pytestmark = pytest.mark.django_db


def certified_recognition(draft: Application, criterion_code: str, state: str = s.CERTIFIED) -> Application:
    """An earlier recognition of the same talent (built directly: the workflow is tested in tests/reviews)."""
    criterion = Criterion.objects.get(version=draft.regulation_version, code=criterion_code)
    return Application.objects.create(
        regulation_version=draft.regulation_version,
        organisation=draft.organisation,
        created_by=draft.talent,
        talent=draft.talent,
        criterion=criterion,
        full_name=draft.full_name,
        document_number=draft.document_number,
        state=state,
    )


def test_a_tier_iii_talent_may_apply_for_tier_ii_and_the_file_records_the_upgrade():
    draft = nanning_draft(talent=talent_user())  # NN-II-3: doctorate in a directory enterprise
    earlier = certified_recognition(draft, "NN-III-1")
    upload_all(draft, draft.talent)
    services.application_submit(application=draft, by=draft.talent, pledge_name=draft.full_name)
    draft.refresh_from_db()
    assert draft.state == s.SUBMITTED
    assert draft.upgrade_of == earlier


def test_the_same_tier_during_validity_is_refused_with_the_article():
    draft = nanning_draft(talent=talent_user())
    certified_recognition(draft, "NN-II-3")
    upload_all(draft, draft.talent)
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=draft, by=draft.talent, pledge_name=draft.full_name)
    assert any("第十一条" in message for message in refusal.value.messages)
    draft.refresh_from_db()
    assert draft.state == s.DRAFT


def test_an_expired_recognition_does_not_limit_a_new_application():
    draft = nanning_draft(talent=talent_user())
    certified_recognition(draft, "NN-II-3", state=s.EXPIRED)
    upload_all(draft, draft.talent)
    services.application_submit(application=draft, by=draft.talent, pledge_name=draft.full_name)
    draft.refresh_from_db()
    assert draft.state == s.SUBMITTED
    assert draft.upgrade_of is None
