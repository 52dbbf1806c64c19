"""State and transition codes of the application lifecycle (both regulations share one machine).

Beihai:  draft → submitted → consultation → awaiting_decision → recognised → certified
Nanning: draft → submitted (with the employer) → recommended (with the talent bureau)
         → awaiting_decision (committee, or leadership group for NN-CASE) → public_notice → recognised → certified
Either may be returned for correction (returned → submitted again) or refused; a certified one may be
revoked, expire, or be superseded by a correction or an upgrade.
"""

from django.utils.translation import gettext_lazy as _

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
RECOMMENDED = "recommended"
CONSULTATION = "consultation"
AWAITING_DECISION = "awaiting_decision"
PUBLIC_NOTICE = "public_notice"
RECOGNISED = "recognised"
CERTIFIED = "certified"
REFUSED = "refused"
REVOKED = "revoked"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
SUPERSEDED = "superseded"

STATE_LABELS = {
    DRAFT: _("草稿"),
    SUBMITTED: _("已提交"),
    RETURNED: _("退回补正"),
    RECOMMENDED: _("单位已推荐，待组织人才局审核"),
    CONSULTATION: _("征求部门意见中"),
    AWAITING_DECISION: _("待审定"),
    PUBLIC_NOTICE: _("公示中"),
    RECOGNISED: _("已认定"),
    CERTIFIED: _("已发证"),
    REFUSED: _("未通过"),
    REVOKED: _("已取消认定"),
    EXPIRED: _("已过期"),
    WITHDRAWN: _("已撤回"),
    SUPERSEDED: _("已被新的认定取代"),
}
STATE_CHOICES = list(STATE_LABELS.items())

# What the applicant's side may still edit.
EDITABLE_STATES = {DRAFT, RETURNED}
# States in which the bureau has the file and a working-day deadline runs.
IN_REVIEW_STATES = {SUBMITTED, RECOMMENDED, CONSULTATION, AWAITING_DECISION, PUBLIC_NOTICE}
FINAL_STATES = {REFUSED, REVOKED, EXPIRED, WITHDRAWN, SUPERSEDED}

# Transition codes (method names on Application).
T_SUBMIT = "submit"
T_RESUBMIT = "resubmit"
T_WITHDRAW = "withdraw"
T_EMPLOYER_RECOMMEND = "employer_recommend"
T_EMPLOYER_RETURN = "employer_return"
T_ACCEPT = "accept"
T_RETURN = "return_for_correction"
T_REFUSE = "refuse"
T_FORWARD = "forward"
T_FINISH_CONSULTATION = "finish_consultation"
T_APPROVE = "approve"
T_APPROVE_FOR_NOTICE = "approve_for_notice"
T_CLOSE_NOTICE = "close_notice"
T_REFUSE_AFTER_OBJECTION = "refuse_after_objection"
T_ISSUE_CERTIFICATE = "issue_certificate"
T_REVOKE = "revoke"
T_EXPIRE = "expire"
T_SUPERSEDE = "supersede"
T_OVERTURN_ON_APPEAL = "overturn_on_appeal"
T_DEEM_ACCEPTED = "deem_accepted"

TRANSITION_LABELS = {
    T_SUBMIT: _("提交申请"),
    T_RESUBMIT: _("补正后重新提交"),
    T_WITHDRAW: _("撤回申请"),
    T_EMPLOYER_RECOMMEND: _("单位推荐"),
    T_EMPLOYER_RETURN: _("单位退回申请人"),
    T_ACCEPT: _("初审通过，征求部门意见"),
    T_RETURN: _("退回申请人补正"),
    T_REFUSE: _("不予认定"),
    T_FORWARD: _("审核通过，报请审定"),
    T_FINISH_CONSULTATION: _("意见征求完毕，报审批"),
    T_APPROVE: _("审批通过"),
    T_APPROVE_FOR_NOTICE: _("审定通过，进入公示"),
    T_CLOSE_NOTICE: _("公示期满，予以认定"),
    T_REFUSE_AFTER_OBJECTION: _("异议成立，不予认定"),
    T_ISSUE_CERTIFICATE: _("签发证书"),
    T_REVOKE: _("取消认定"),
    T_EXPIRE: _("有效期届满"),
    T_SUPERSEDE: _("被新的认定取代"),
    T_OVERTURN_ON_APPEAL: _("复核撤销原结果，予以认定"),
    T_DEEM_ACCEPTED: _("逾期未作受理决定，视为受理"),
}
# Transitions that must carry a written reason (the regulation requires reasons for refusals).
REASON_REQUIRED = {T_RETURN, T_REFUSE, T_EMPLOYER_RETURN, T_REFUSE_AFTER_OBJECTION, T_REVOKE, T_WITHDRAW}
# Transitions by which the file reaches the office that receives it: each one issues a numbered receipt (回执).
# Nanning: the talent applies to the employer (Art. 7(一)), the employer forwards it to the bureau (Art. 6, 7(二)).
RECEIPT_TRANSITIONS = {T_SUBMIT, T_RESUBMIT, T_EMPLOYER_RECOMMEND}
