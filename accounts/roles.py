"""Role codes. Groups are named by these codes; labels are translated, codes never are."""

from django.utils.translation import gettext_lazy as _

EMPLOYER = "employer"
TALENT = "talent"

BEIHAI_SCITECH_REVIEWER = "beihai-scitech-reviewer"
BEIHAI_SCITECH_APPROVER = "beihai-scitech-approver"
BEIHAI_APPROVAL_BUREAU = "beihai-approval-bureau"
BEIHAI_PUBLIC_SECURITY = "beihai-public-security"
BEIHAI_CONSULTED_DEPARTMENT = "beihai-consulted-department"

NANNING_TALENT_BUREAU_REVIEWER = "nanning-talent-bureau-reviewer"
NANNING_COMMITTEE_APPROVER = "nanning-committee-approver"
NANNING_LEADERSHIP_GROUP = "nanning-leadership-group"

# Reads the access log (PIPL) in the console; sees no application itself.
AUDITOR = "auditor"

ROLE_LABELS = {
    EMPLOYER: _("用人单位"),
    TALENT: _("申请人（人才）"),
    BEIHAI_SCITECH_REVIEWER: _("北海市科技局 初审人员"),
    BEIHAI_SCITECH_APPROVER: _("北海市科技局 审批人员"),
    BEIHAI_APPROVAL_BUREAU: _("北海市行政审批局（征求意见）"),
    BEIHAI_PUBLIC_SECURITY: _("北海市公安局（征求意见）"),
    BEIHAI_CONSULTED_DEPARTMENT: _("北海市其他相关部门（征求意见）"),
    NANNING_TALENT_BUREAU_REVIEWER: _("南宁片区管委会组织人才局 审核人员"),
    NANNING_COMMITTEE_APPROVER: _("南宁片区管委会 审定人员"),
    NANNING_LEADERSHIP_GROUP: _("五象新区人才工作领导小组"),
    AUDITOR: _("个人信息访问审计员"),
}

STAFF_ROLES = [code for code in ROLE_LABELS if code not in (EMPLOYER, TALENT)]
CONSULTED_ROLES = [BEIHAI_APPROVAL_BUREAU, BEIHAI_PUBLIC_SECURITY, BEIHAI_CONSULTED_DEPARTMENT]
ALL_ROLES = list(ROLE_LABELS)
