"""GEN-18: the directory records a request relies on must have been verified recently."""

from __future__ import annotations

from collections.abc import Sequence

from budapest_coop.model import PreservationRequest, Role, TransmissionChannel
from budapest_coop.treaty import Status
from budapest_coop.typing import AuthorityDirectory, AuthorityInfo
from budapest_coop.validation._finding import Finding, Severity
from budapest_coop.validation._rule import Context, rule
from budapest_coop.validation.rules._common import CENTRAL_AUTHORITY, POINT_OF_CONTACT, REQUESTS, Request

_STALE = (
    "The directory record %(id)s of the requested Party's %(role)s was last verified on %(date)s, "
    "%(days)s days ago; confirm the contact details before sending."
)
_NEVER = (
    "The directory record %(id)s of the requested Party's %(role)s has never been verified; "
    "confirm the contact details before sending."
)
_ROLE_WORDS = {Role.POINT_OF_CONTACT_24_7: POINT_OF_CONTACT, Role.CENTRAL_AUTHORITY: CENTRAL_AUTHORITY}
_CHANNEL_ROLE = {
    TransmissionChannel.POINT_OF_CONTACT_24_7: Role.POINT_OF_CONTACT_24_7,
    TransmissionChannel.CENTRAL_AUTHORITY: Role.CENTRAL_AUTHORITY,
}


def _role(request: Request) -> Role | None:
    channel = request.transmission.channel if request.transmission else None
    if channel is not None:
        return _CHANNEL_ROLE.get(channel)
    return Role.POINT_OF_CONTACT_24_7 if isinstance(request, PreservationRequest) else Role.CENTRAL_AUTHORITY


@rule(
    "GEN-18",
    kinds=REQUESTS,
    severity=Severity.WARNING,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(2)(d)", "ETS 185 Art. 24(7)(b)"),
    summary=(
        "The directory record of the requested Party's authority for this channel (24/7 point of contact or "
        "central authority) was last verified longer ago than the configured age (one year by default), or never."
    ),
    fix=(
        "Check the authority's contact details against the Council of Europe's register or the Party's own "
        "publication, then update `last_verified` in your directory (`Registry.with_directory`)."
    ),
    messages=(_STALE, _NEVER),
    party_aware=True,
    basis="registers kept up to date (Arts. 24(7)(b), 27(2)(d)); the age is a policy setting",
)
def stale_directory(request: Request, ctx: Context) -> Sequence[Finding]:
    registry: object = ctx.registry
    if ctx.requested is None or not isinstance(registry, AuthorityDirectory):
        return ()
    role = _role(request)
    if role is None:
        return ()
    records: list[AuthorityInfo] = list(
        registry.stale_authorities(ctx.requested.code, role=role, max_age=ctx.authority_max_age, today=ctx.today)
    )
    findings = []
    for record in records:
        args: dict[str, object] = {"id": record.id, "role": _ROLE_WORDS[role]}
        if record.last_verified is None:
            findings.append(stale_directory.finding(ctx, "requested_authority", _NEVER, args))
        else:
            args |= {"date": record.last_verified.isoformat(), "days": (ctx.today - record.last_verified).days}
            findings.append(stale_directory.finding(ctx, "requested_authority", _STALE, args))
    return findings


RULES = (stale_directory,)
