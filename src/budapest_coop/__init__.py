"""budapest_coop: international co-operation requests under the Budapest Convention on Cybercrime.

Draft, validate and render requests for expedited preservation (ETS 185 Art. 29, with the
Art. 30 disclosure of traffic data) and for subscriber information (Art. 31 with Art. 18(3)),
following the Council of Europe templates T-CY(2018)11 and T-CY(2018)10.

>>> import budapest_coop as bc
>>> request = bc.PreservationRequest(reference="CC-2026-0042", requested_party="NL")
>>> bc.loads(bc.dumps(request)) == request
True
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The sub-package ``budapest_coop.render`` is callable as its ``render`` function; type
    # checkers see the function (import the sub-package's other names from it directly).
    from budapest_coop.render import Document as Document
    from budapest_coop.render._api import render as render

from budapest_coop.errors import (
    BudapestCoopError,
    DirectoryError,
    InvalidValueError,
    MissingGlyphsError,
    RenderError,
    UnknownAuthorityError,
    UnknownPartyError,
    UnknownProvisionError,
    WireFormatError,
)
from budapest_coop.model import (
    AccountIdentifier,
    Authority,
    CaseEntry,
    CaseFile,
    CaseReference,
    Citation,
    Contact,
    DataCategory,
    Direction,
    DomainIdentifier,
    EmailIdentifier,
    Event,
    EventKind,
    ExpediteReason,
    Identifier,
    IPAddressIdentifier,
    Link,
    LinkKind,
    LocalizedText,
    Measure,
    MLAStatus,
    Offence,
    PathDisclosure,
    PhoneIdentifier,
    PreservationOrder,
    PreservationRequest,
    PreservationStatus,
    PreviousRequest,
    RefusalGround,
    Request,
    ResponsePreference,
    Role,
    ScopeBasis,
    ServiceProvider,
    Signatory,
    SubscriberInformationItem,
    SubscriberInformationRequest,
    TimePeriod,
    Transmission,
    TransmissionChannel,
    TransmissionMeans,
    TransportProtocol,
    Urgency,
    URLIdentifier,
)
from budapest_coop.wire import dumps, json_schema, loads

try:
    __version__ = version("budapest-coop")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

#: Public names provided by sub-packages that are imported only when first used, so that
#: ``import budapest_coop`` stays light (no registry data, no reportlab, no jinja2).
_LAZY: dict[str, str] = {
    "AuthorityRecord": "budapest_coop.registry",
    "Party": "budapest_coop.registry",
    "Registry": "budapest_coop.registry",
    "RouteOption": "budapest_coop.registry",
    "Finding": "budapest_coop.validation",
    "Severity": "budapest_coop.validation",
    "ValidationReport": "budapest_coop.validation",
    "validate": "budapest_coop.validation",
    "Document": "budapest_coop.render",
    "render": "budapest_coop.render",
}

__all__ = [
    "AccountIdentifier",
    "Authority",
    "AuthorityRecord",
    "BudapestCoopError",
    "CaseEntry",
    "CaseFile",
    "CaseReference",
    "Citation",
    "Contact",
    "DataCategory",
    "Direction",
    "DirectoryError",
    "Document",
    "DomainIdentifier",
    "EmailIdentifier",
    "Event",
    "EventKind",
    "ExpediteReason",
    "Finding",
    "IPAddressIdentifier",
    "Identifier",
    "InvalidValueError",
    "Link",
    "LinkKind",
    "LocalizedText",
    "MLAStatus",
    "Measure",
    "MissingGlyphsError",
    "Offence",
    "Party",
    "PathDisclosure",
    "PhoneIdentifier",
    "PreservationOrder",
    "PreservationRequest",
    "PreservationStatus",
    "PreviousRequest",
    "RefusalGround",
    "Registry",
    "RenderError",
    "Request",
    "ResponsePreference",
    "Role",
    "RouteOption",
    "ScopeBasis",
    "ServiceProvider",
    "Severity",
    "Signatory",
    "SubscriberInformationItem",
    "SubscriberInformationRequest",
    "TimePeriod",
    "Transmission",
    "TransmissionChannel",
    "TransmissionMeans",
    "TransportProtocol",
    "URLIdentifier",
    "UnknownAuthorityError",
    "UnknownPartyError",
    "UnknownProvisionError",
    "Urgency",
    "ValidationReport",
    "WireFormatError",
    "__version__",
    "dumps",
    "json_schema",
    "loads",
    "render",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'budapest_coop' has no attribute {name!r}")
    imported = importlib.import_module(module)
    if imported.__name__ == f"{__name__}.{name}":
        return imported  # a sub-package named like its main function (render) is callable
    value = getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
