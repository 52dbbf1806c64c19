"""The words of each kind of notification, rendered in the reader's language from stored codes."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import states as s

OPINIONS_BACK = "opinions_back"
OBJECTION_FILED = "objection_filed"
OBJECTION_RECEIVED = "objection_received"
OBJECTION_DECIDED = "objection_decided"
APPEAL_FILED = "appeal_filed"
APPEAL_DECIDED = "appeal_decided"

EVENT_LABELS = {
    OPINIONS_BACK: gettext_lazy("各部门意见已全部反馈"),
    OBJECTION_FILED: gettext_lazy("公示期间收到异议"),
    OBJECTION_RECEIVED: gettext_lazy("您的异议已收到"),
    OBJECTION_DECIDED: gettext_lazy("异议已核实处理"),
    APPEAL_FILED: gettext_lazy("用人单位申请复核"),
    APPEAL_DECIDED: gettext_lazy("复核已有结论"),
}

# What the person who must act is asked to do, by the state the file is now in (or the event).
TODO_BY_STATE = {
    s.SUBMITTED: gettext_lazy("请初审：受理并征求部门意见，或退回补正。"),
    s.CONSULTATION: gettext_lazy("请在平台反馈本部门意见（同意或不同意）。"),
    s.RECOMMENDED: gettext_lazy("请审核单位推荐的申请。"),
    s.AWAITING_DECISION: gettext_lazy("请审定该申请。"),
    s.RECOGNISED: gettext_lazy("请签发认定证书。"),
}
# Nanning: a submitted file is with the employer first (Art. 7).
EMPLOYER_RECOMMEND_TODO = gettext_lazy("请核验申请人填写的信息和材料，填写推荐意见后推荐，或说明理由退回。")
TODO_BY_KIND = {
    OPINIONS_BACK: gettext_lazy("请将申请报审批。"),
    OBJECTION_FILED: gettext_lazy("请核实异议并作出结论。"),
    APPEAL_FILED: gettext_lazy("请参与联合复核并提出意见。"),
}


@dataclass(frozen=True)
class Text:
    subject: str
    event: str
    lines: list
    todo: str
    link: str
    body: str


def _body(event, lines, todo, link) -> str:
    """The mail body, in the active language."""
    parts = [event, *lines]
    if todo:
        parts.append(_("需要您办理：%(todo)s") % {"todo": todo})
    if link:
        parts.append(_("查看详情：%(link)s") % {"link": link})
    parts.append(_("人才认定服务平台"))
    return "\n\n".join(str(p) for p in parts if p)


def event_label(kind: str) -> str:
    if kind in s.TRANSITION_LABELS:
        return str(s.TRANSITION_LABELS[kind])
    return str(EVENT_LABELS.get(kind, kind))


def _param(value):
    """A stored parameter: [msgid] is translated, {"zh": …, "en": …} picks the reader's language."""
    if isinstance(value, list):
        return _(value[0])
    if isinstance(value, dict):
        english = (translation.get_language() or "").startswith("en")
        return value.get("en" if english else "zh") or value.get("zh", "")
    return value


def _translated(entry) -> str:
    """A line another app stored as [msgid, params]: translated now, in the reader's language."""
    msgid, params = entry
    return _(msgid) % {k: _param(v) for k, v in params.items()} if params else _(msgid)


def _render_active(notification) -> Text:
    ctx = notification.context or {}
    reference = ctx.get("reference", "")
    name = ctx.get("name", "")
    # Apps above this one (benefits) name their own event and lines as untranslated msgids.
    event = _translated(ctx["event"]) if ctx.get("event") else event_label(notification.kind)
    lines = []
    if name:
        lines.append(_("申请编号：%(ref)s（%(name)s）") % {"ref": reference, "name": name})
    elif reference:
        lines.append(_("申请编号：%(ref)s") % {"ref": reference})
    state = ctx.get("state")
    if state in s.STATE_LABELS:
        lines.append(_("当前状态：%(state)s") % {"state": s.STATE_LABELS[state]})
    if ctx.get("outcome"):
        lines.append(_("结论：%(outcome)s") % {"outcome": _outcome_label(ctx["outcome"])})
    if ctx.get("reason"):
        lines.append(_("理由：%(reason)s") % {"reason": ctx["reason"]})
    if ctx.get("comment"):
        lines.append(_("意见：%(comment)s") % {"comment": ctx["comment"]})
    lines.extend(_translated(entry) for entry in ctx.get("lines", []))
    todo = ""
    if notification.must_act:
        if state == s.SUBMITTED and _employer_recommends(ctx.get("regulation")):
            todo = str(EMPLOYER_RECOMMEND_TODO)
        else:
            todo = str(TODO_BY_KIND.get(notification.kind) or TODO_BY_STATE.get(state, ""))
    subject = _("【人才认定】%(ref)s：%(event)s") % {"ref": reference, "event": event} if reference else event
    link = notification.link
    return Text(subject=subject, event=event, lines=lines, todo=todo, link=link, body=_body(event, lines, todo, link))


def _employer_recommends(regulation_code) -> bool:
    """A submitted file waits for the employer's recommendation where the regulation asks for one."""
    from regulations.policies import policy_or_none

    policy = policy_or_none(regulation_code or "")
    return bool(policy and policy.employer_recommends)


def _outcome_label(code: str) -> str:
    """The label of an outcome code ("objection:upheld", "appeal:overturned"), asked of the model that owns
    the vocabulary (reviews sits above this app, so it is looked up, not imported)."""
    from django.apps import apps

    owner, _sep, value = code.partition(":")
    fields = {"objection": ("reviews", "Objection", "decision"), "appeal": ("reviews", "Appeal", "status")}
    if owner not in fields:
        return code
    app_label, model, field = fields[owner]
    choices = dict(apps.get_model(app_label, model)._meta.get_field(field).choices)
    return str(choices.get(value, value))


def render(notification, language: str | None = None) -> Text:
    """The text in `language`; None: the active language. An empty stored language mails both."""
    if language is None:
        return _render_active(notification)
    with translation.override(language):
        return _render_active(notification)


def mail_text(notification) -> tuple[str, str]:
    """(subject, body) for the mail: the recipient's language, or Chinese then English when unknown."""
    if notification.language:
        text = render(notification, notification.language)
        return text.subject, text.body
    zh, en = render(notification, "zh-hans"), render(notification, "en")
    return f"{zh.subject} / {en.subject}", f"{zh.body}\n\n————————\n\n{en.body}"
