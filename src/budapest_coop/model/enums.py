"""The closed vocabularies of the Council of Europe templates and the Convention.

Values are the stable names used on the wire (JSON); never rename a value, add a new one.
"""

from __future__ import annotations

import enum

__all__ = [
    "DataCategory",
    "ExpediteReason",
    "MLAStatus",
    "Measure",
    "PreservationStatus",
    "Role",
    "ScopeBasis",
    "SubscriberInformationItem",
    "TransmissionChannel",
    "TransmissionMeans",
    "TransportProtocol",
    "Urgency",
]


class PreservationStatus(enum.StrEnum):
    """Request status of a preservation request (T-CY(2018)11 section 3)."""

    NEW = "new"
    EXTENSION = "extension"


class MLAStatus(enum.StrEnum):
    """Request status of an Art. 31 request (T-CY(2018)10 section 3)."""

    NEW = "new"
    FOLLOW_UP_MLA = "follow-up-mla"
    FOLLOW_UP_PRESERVATION = "follow-up-preservation"


class Urgency(enum.StrEnum):
    """How fast the requesting authority needs an answer (ETS 185 Art. 25(3), 31(3))."""

    ROUTINE = "routine"
    URGENT = "urgent"


class DataCategory(enum.StrEnum):
    """Categories of stored computer data (ETS 185 Art. 1(d), Art. 18(3))."""

    SUBSCRIBER_INFORMATION = "subscriber-information"
    TRAFFIC_DATA = "traffic-data"
    CONTENT_DATA = "content-data"
    OTHER_STORED_DATA = "other-stored-data"


class SubscriberInformationItem(enum.StrEnum):
    """The kinds of subscriber information listed in ETS 185 Art. 18(3)(a)-(c)."""

    SERVICE_TYPE = "service-type"
    TECHNICAL_PROVISIONS = "technical-provisions"
    SERVICE_PERIOD = "service-period"
    SUBSCRIBER_IDENTITY = "subscriber-identity"
    POSTAL_OR_GEOGRAPHIC_ADDRESS = "postal-or-geographic-address"
    TELEPHONE_OR_ACCESS_NUMBER = "telephone-or-access-number"
    BILLING_AND_PAYMENT_INFORMATION = "billing-and-payment-information"
    EQUIPMENT_INSTALLATION_SITE = "equipment-installation-site"

    @property
    def letter(self) -> str:
        """The item letter of Art. 18(3) this kind of information falls under: a, b or c."""
        return _ITEM_LETTER[self]

    @property
    def citation(self) -> str:
        """The citation of the item, e.g. ``"ETS 185 Art. 18(3)(b)"``."""
        return f"ETS 185 Art. 18(3)({self.letter})"


_ITEM_LETTER = {
    SubscriberInformationItem.SERVICE_TYPE: "a",
    SubscriberInformationItem.TECHNICAL_PROVISIONS: "a",
    SubscriberInformationItem.SERVICE_PERIOD: "a",
    SubscriberInformationItem.SUBSCRIBER_IDENTITY: "b",
    SubscriberInformationItem.POSTAL_OR_GEOGRAPHIC_ADDRESS: "b",
    SubscriberInformationItem.TELEPHONE_OR_ACCESS_NUMBER: "b",
    SubscriberInformationItem.BILLING_AND_PAYMENT_INFORMATION: "b",
    SubscriberInformationItem.EQUIPMENT_INSTALLATION_SITE: "c",
}


class Measure(enum.StrEnum):
    """What the mutual assistance request asks the requested Party to do (ETS 185 Art. 31(1))."""

    SEARCH_OR_SIMILARLY_ACCESS = "search-or-similarly-access"
    SEIZE_OR_SIMILARLY_SECURE = "seize-or-similarly-secure"
    DISCLOSE = "disclose"


class ExpediteReason(enum.StrEnum):
    """Why the response to an Art. 31 request should be expedited (ETS 185 Art. 31(3))."""

    DATA_VULNERABLE = "data-vulnerable"
    INSTRUMENT_PROVIDES = "instrument-provides"

    @property
    def citation(self) -> str:
        letter = "a" if self is ExpediteReason.DATA_VULNERABLE else "b"
        return f"ETS 185 Art. 31(3)({letter})"


class ScopeBasis(enum.StrEnum):
    """The two purposes of international co-operation under ETS 185 Art. 23."""

    OFFENCE_RELATED_TO_COMPUTER_SYSTEMS = "offence-related-to-computer-systems-and-data"
    ELECTRONIC_EVIDENCE = "electronic-evidence-of-a-criminal-offence"


class TransmissionChannel(enum.StrEnum):
    """The route by which a request travels (ETS 185 Arts. 27(2), 27(9), 35)."""

    CENTRAL_AUTHORITY = "central-authority"
    POINT_OF_CONTACT_24_7 = "24/7-point-of-contact"
    DIRECT_JUDICIAL = "direct-judicial"
    INTERPOL = "interpol"
    DIRECT_COMPETENT_AUTHORITY = "direct-competent-authority"

    @property
    def citation(self) -> str:
        return _CHANNEL_CITATION[self]


_CHANNEL_CITATION = {
    TransmissionChannel.CENTRAL_AUTHORITY: "ETS 185 Art. 27(2)",
    TransmissionChannel.POINT_OF_CONTACT_24_7: "ETS 185 Art. 35(1)",
    TransmissionChannel.DIRECT_JUDICIAL: "ETS 185 Art. 27(9)(a)",
    TransmissionChannel.INTERPOL: "ETS 185 Art. 27(9)(b)",
    TransmissionChannel.DIRECT_COMPETENT_AUTHORITY: "ETS 185 Art. 27(9)(d)",
}


class TransmissionMeans(enum.StrEnum):
    """The technical means of transmission; e-mail and fax are expedited means (Art. 25(3))."""

    EMAIL = "email"
    FAX = "fax"
    SECURE_PLATFORM = "secure-platform"
    POST = "post"
    DIPLOMATIC = "diplomatic"

    @property
    def expedited(self) -> bool:
        return self in (TransmissionMeans.EMAIL, TransmissionMeans.FAX, TransmissionMeans.SECURE_PLATFORM)


class TransportProtocol(enum.StrEnum):
    """Transport protocol of an observed connection."""

    TCP = "tcp"
    UDP = "udp"
    OTHER = "other"


class Role(enum.StrEnum):
    """Functions an authority can be designated for."""

    CENTRAL_AUTHORITY = "central-authority"
    POINT_OF_CONTACT_24_7 = "24/7-point-of-contact"
    EXTRADITION_AUTHORITY = "extradition-authority"
    JUDICIAL_AUTHORITY = "judicial-authority"
    COMPETENT_AUTHORITY = "competent-authority"
    PROTOCOL_CONSULTATION_AUTHORITY = "cets224-consultation-authority"
    PROTOCOL_ORDER_AUTHORITY = "cets224-order-authority"
    PROTOCOL_NOTIFICATION_AUTHORITY = "cets224-notification-authority"
    PROTOCOL_DATA_PROTECTION_AUTHORITY = "cets224-data-protection-authority"
    PROTOCOL_TRANSFER_AUTHORITY = "cets224-transfer-authority"

    @property
    def citation(self) -> str:
        return _ROLE_CITATION[self]


_ROLE_CITATION = {
    Role.CENTRAL_AUTHORITY: "ETS 185 Art. 27(2)",
    Role.POINT_OF_CONTACT_24_7: "ETS 185 Art. 35(1)",
    Role.EXTRADITION_AUTHORITY: "ETS 185 Art. 24(7)",
    Role.JUDICIAL_AUTHORITY: "ETS 185 Art. 27(9)(a)",
    Role.COMPETENT_AUTHORITY: "ETS 185 Art. 27(9)(d)",
    Role.PROTOCOL_CONSULTATION_AUTHORITY: "CETS 224 Art. 6(6)",
    Role.PROTOCOL_ORDER_AUTHORITY: "CETS 224 Art. 8(10)",
    Role.PROTOCOL_NOTIFICATION_AUTHORITY: "CETS 224 Art. 7(5)",
    Role.PROTOCOL_DATA_PROTECTION_AUTHORITY: "CETS 224 Art. 14(7)(c)",
    Role.PROTOCOL_TRANSFER_AUTHORITY: "CETS 224 Art. 14(10)(b)",
}
