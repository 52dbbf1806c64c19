"""States and transitions of a service request (a benefit asked for after recognition). Codes, not labels."""

from django.utils.translation import gettext_lazy as _

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
REFUSED = "refused"
FORWARDED = "forwarded"
WITHDRAWN = "withdrawn"

STATE_LABELS = {
    DRAFT: _("草稿"),
    SUBMITTED: _("已提交，待审核"),
    RETURNED: _("退回补正"),
    APPROVED: _("审核同意"),
    REFUSED: _("不予同意"),
    FORWARDED: _("已转送"),
    WITHDRAWN: _("已撤回"),
}
STATE_CHOICES = list(STATE_LABELS.items())
EDITABLE = {DRAFT, RETURNED}
OPEN = {DRAFT, SUBMITTED, RETURNED}
GRANTED = {APPROVED, FORWARDED}

T_SUBMIT = "submit"
T_RETURN = "return_for_correction"
T_APPROVE = "approve"
T_REFUSE = "refuse"
T_FORWARD = "forward"
T_WITHDRAW = "withdraw"

TRANSITION_LABELS = {
    T_SUBMIT: _("提交"),
    T_RETURN: _("退回补正"),
    T_APPROVE: _("审核同意并盖章"),
    T_REFUSE: _("不予同意"),
    T_FORWARD: _("转送"),
    T_WITHDRAW: _("撤回"),
}
REASON_REQUIRED = {T_RETURN, T_REFUSE, T_WITHDRAW}
STAFF_TRANSITIONS = [T_APPROVE, T_RETURN, T_REFUSE, T_FORWARD]
