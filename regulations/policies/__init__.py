"""One policy per regulation, registered by regulation code; `policy_for()` is how everything else asks.

from regulations.policies import policy_for
policy_for(application).reviewer_roles
policy_for("nanning-ftz-urgent-talent").validity_for(version, "I")
"""

from regulations.policies.base import RegulationPolicy, ValidityRefused
from regulations.policies.beihai import BeihaiPolicy
from regulations.policies.nanning import NanningPolicy

_REGISTRY: dict[str, RegulationPolicy] = {}


def register(policy: RegulationPolicy) -> RegulationPolicy:
    _REGISTRY[policy.code] = policy
    return policy


register(BeihaiPolicy())
register(NanningPolicy())


class UnknownRegulation(LookupError):
    pass


def _code_of(subject) -> str:
    if isinstance(subject, str):
        return subject
    for attribute in ("regulation_code",):  # an Application, a Certificate, a Disqualification
        code = getattr(subject, attribute, "")
        if code:
            return code
    regulation = getattr(subject, "regulation", None)  # a RegulationVersion
    if regulation is not None and getattr(regulation, "code", ""):
        return regulation.code
    version = getattr(subject, "regulation_version", None)  # an unsaved Application
    if version is not None:
        return version.regulation.code
    raise UnknownRegulation(repr(subject))


def policy_for(subject) -> RegulationPolicy:
    """The policy of a regulation code, an application (or anything with `regulation_code`), or a version."""
    code = _code_of(subject)
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownRegulation(code) from None


def policy_or_none(subject) -> RegulationPolicy | None:
    try:
        return policy_for(subject)
    except UnknownRegulation:
        return None


def all_policies() -> list[RegulationPolicy]:
    return list(_REGISTRY.values())


def regulation_choices() -> list[tuple[str, str]]:
    return [(policy.code, policy.name) for policy in _REGISTRY.values()]


__all__ = [
    "RegulationPolicy",
    "UnknownRegulation",
    "ValidityRefused",
    "all_policies",
    "policy_for",
    "policy_or_none",
    "regulation_choices",
    "register",
]
