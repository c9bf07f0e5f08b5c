"""The built-in rules, in the order their findings are reported (roughly the order of the templates).

Codes are those of the project's requirements reference (GEN-, ID-, PRES-, MLA-); see
``docs/adr/0001-rule-codes.md``.
"""

from __future__ import annotations

from budapest_coop.validation._rule import FunctionRule
from budapest_coop.validation.rules import _directory as d
from budapest_coop.validation.rules import _general as g
from budapest_coop.validation.rules import _identifiers as i
from budapest_coop.validation.rules import _mla as m
from budapest_coop.validation.rules import _preservation as p
from budapest_coop.validation.rules._common import TERMS

__all__ = ["BUILTIN", "MODULE_RULES", "TERMS"]

BUILTIN: tuple[FunctionRule, ...] = (
    g.request_date,
    g.reference,
    g.previous_ticket,
    g.requested_authority,
    g.party_status,
    d.stale_directory,
    g.preservation_authority,
    g.requesting_authority,
    g.office_hours,
    g.confirmation_contact,
    m.prosecution,
    m.previous_preservation,
    m.domestic_basis,
    g.scope,
    g.legal_basis,
    p.offence_and_facts,
    g.offences,
    g.reservation_29_4,
    i.data_category,
    p.data_to_preserve,
    i.ip_time,
    i.ip_range,
    i.ip_port,
    i.period_check,
    i.account_service,
    i.dynamic_ip,
    m.subscriber_items,
    p.custodian,
    p.location,
    m.provider_location,
    p.necessity,
    p.intent,
    m.measures,
    m.expedite,
    p.minimum_period,
    p.domestic_maximum,
    p.art30,
    g.urgency,
    g.expedited_means,
    g.channel,
    g.direct_transmission,
    g.coercive_action,
    p.poc_channel,
    g.languages,
    g.confidentiality,
    g.purpose,
    m.procedures,
)


#: The rules each rule module defines (a test checks that BUILTIN holds exactly these).
MODULE_RULES: tuple[FunctionRule, ...] = g.RULES + d.RULES + i.RULES + m.RULES + p.RULES
