"""The console shows each person the action that is theirs, tells the queue when all opinions are back, and
shows people labels, never internal fields or raw codes."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import states as s
from regulations.codes import BEIHAI
from tests.factories import staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db


def _aside(html: str) -> str:
    return html[html.index('<aside class="console-actions"') : html.index("</aside>")]


def test_a_consulted_departments_answer_is_in_the_action_panel(client):
    application = make_application(BEIHAI, s.CONSULTATION)
    consult(application, "beihai-approval-bureau", "beihai-public-security")
    client.force_login(department_user("beihai-public-security"))
    html = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    panel = _aside(html)
    assert 'id="consultation-answer"' in panel
    assert "您当前没有可对本申请执行的操作" not in panel


def test_someone_with_nothing_to_do_is_told_so(client):
    application = make_application(BEIHAI, s.CONSULTATION)
    consult(application, "beihai-approval-bureau")
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    panel = _aside(client.get(reverse("reviews:application", args=[application.pk])).content.decode())
    assert "您当前没有可对本申请执行的操作" in panel


def test_the_queue_shows_when_all_opinions_are_back(client):
    waiting = make_application(BEIHAI, s.CONSULTATION, full_name="Waiting Person")
    consult(waiting, "beihai-approval-bureau", answered=True)
    consult(waiting, "beihai-public-security")
    ready = make_application(BEIHAI, s.CONSULTATION, full_name="Ready Person")
    consult(ready, "beihai-approval-bureau", "beihai-public-security", answered=True)
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    html = client.get(reverse("reviews:queue")).content.decode()
    ready_row = html[html.index("Ready Person") :].split("</tr>")[0]
    waiting_row = html[html.index("Waiting Person") :].split("</tr>")[0]
    assert "意见已全部反馈" in ready_row
    assert "部门意见 1/2" in waiting_row and "意见已全部反馈" not in waiting_row


def test_internal_fields_are_hidden_and_history_reads_as_labels(client):
    application = make_application(BEIHAI, s.SUBMITTED)
    application.form_data = {"nationality": ["Britain"]}
    application.save()
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    from reviews.services import review_accept

    review_accept(application=application, by=reviewer)  # a state change the history shows
    client.force_login(reviewer)
    html = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert "未通过校验的表单内容" not in html and "Britain" not in html
    assert "<code>" not in html
    history = html[html.index('id="h-history"') :]
    assert "征求部门意见中" in history and "consultation" not in history.split("</table>")[0]
    assert "英国 (GB)" in html
