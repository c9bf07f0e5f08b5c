"""The domain core: immutable, typed value objects for requests and what they contain.

Nothing here performs I/O or rendering. Values that are malformed (a naive datetime, an
unknown country code, an invalid language tag or IP address, an empty string) are rejected
at construction with :class:`~budapest_coop.errors.InvalidValueError`; values that are
merely missing are allowed, so that drafts can be kept, and reported by validation.
"""

from budapest_coop.model.actors import (
    Authority,
    CaseReference,
    Contact,
    Offence,
    PreviousRequest,
    ResponsePreference,
    ServiceProvider,
    Signatory,
    TimePeriod,
    Transmission,
)
from budapest_coop.model.case import (
    CaseEntry,
    CaseFile,
    Direction,
    Event,
    EventKind,
    Link,
    LinkKind,
    PathDisclosure,
    RefusalGround,
)
from budapest_coop.model.citation import Citation
from budapest_coop.model.enums import (
    DataCategory,
    ExpediteReason,
    Measure,
    MLAStatus,
    PreservationStatus,
    Role,
    ScopeBasis,
    SubscriberInformationItem,
    TransmissionChannel,
    TransmissionMeans,
    TransportProtocol,
    Urgency,
)
from budapest_coop.model.identifiers import (
    IDENTIFIER_TYPES,
    AccountIdentifier,
    DomainIdentifier,
    EmailIdentifier,
    Identifier,
    IPAddressIdentifier,
    PhoneIdentifier,
    URLIdentifier,
)
from budapest_coop.model.order import (
    DOMESTIC_MAXIMUM_DAYS,
    MINIMUM_PRESERVATION_DAYS,
    PreservationOrder,
)
from budapest_coop.model.requests import (
    REQUEST_TYPES,
    PreservationRequest,
    Request,
    SubscriberInformationRequest,
)
from budapest_coop.model.text import LocalizedText

__all__ = [
    "DOMESTIC_MAXIMUM_DAYS",
    "IDENTIFIER_TYPES",
    "MINIMUM_PRESERVATION_DAYS",
    "REQUEST_TYPES",
    "AccountIdentifier",
    "Authority",
    "CaseEntry",
    "CaseFile",
    "CaseReference",
    "Citation",
    "Contact",
    "DataCategory",
    "Direction",
    "DomainIdentifier",
    "EmailIdentifier",
    "Event",
    "EventKind",
    "ExpediteReason",
    "IPAddressIdentifier",
    "Identifier",
    "Link",
    "LinkKind",
    "LocalizedText",
    "MLAStatus",
    "Measure",
    "Offence",
    "PathDisclosure",
    "PhoneIdentifier",
    "PreservationOrder",
    "PreservationRequest",
    "PreservationStatus",
    "PreviousRequest",
    "RefusalGround",
    "Request",
    "ResponsePreference",
    "Role",
    "ScopeBasis",
    "ServiceProvider",
    "Signatory",
    "SubscriberInformationItem",
    "SubscriberInformationRequest",
    "TimePeriod",
    "Transmission",
    "TransmissionChannel",
    "TransmissionMeans",
    "TransportProtocol",
    "URLIdentifier",
    "Urgency",
]
