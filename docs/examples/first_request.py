"""A first preservation request (ETS 185 Art. 29), built in code and saved in the wire format.

The case is fictional: a business e-mail compromise investigated in Austria, with the data
held by a mail provider in the Netherlands. Run it in an empty directory:

    python first_request.py
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import budapest_coop as bc

VIENNA = ZoneInfo("Europe/Vienna")

request = bc.PreservationRequest(
    date=dt.date(2026, 5, 11),
    reference="AT-CYB-2026-0193",
    requesting_party="AT",
    requested_party="NL",
    # Art. 29(2)(a): the authority seeking preservation.
    requesting_authority=bc.Authority(
        name="Public Prosecutor's Office, cybercrime unit (fictional)",
        country="AT",
        email="cyber.unit@prosecution.example",
        phone="+43 1 5550100",
        time_zone="Europe/Vienna",
    ),
    # Art. 29(2)(b): the offence and a brief summary of the facts.
    offences=[
        bc.Offence(
            name=bc.LocalizedText(
                {"en": "Computer-related fraud", "de": "Betrügerischer Datenverarbeitungsmissbrauch"}
            ),
            convention_articles=[8],
        )
    ],
    facts=bc.LocalizedText(
        {
            "en": "A supplier's mailbox was taken over; forged invoices sent from it on 8 May 2026 "
            "diverted EUR 48,000 to an account controlled by the offenders.",
            "de": "Das Postfach eines Lieferanten wurde übernommen; am 8. Mai 2026 von dort versandte "
            "gefälschte Rechnungen leiteten 48.000 EUR auf ein Konto der Täter um.",
        }
    ),
    # Art. 29(2)(c): the data to preserve and its relationship to the offence.
    identifiers=[
        bc.EmailIdentifier(address="invoice-desk@mail.example"),
        bc.IPAddressIdentifier(
            address="192.0.2.77",
            port=40112,
            observed_at=dt.datetime(2026, 5, 8, 14, 3, 12, tzinfo=VIENNA),
        ),
    ],
    data_categories=[bc.DataCategory.SUBSCRIBER_INFORMATION, bc.DataCategory.TRAFFIC_DATA],
    relationship_to_offence=bc.LocalizedText.of(
        "The forged invoices were sent from this mailbox, logged in from this address."
    ),
    # Art. 29(2)(d): the custodian of the data.
    custodian=bc.ServiceProvider(name="Example Mail B.V. (fictional)", country="NL"),
    # Art. 29(2)(e): why preservation is necessary.
    necessity=bc.LocalizedText.of("The provider deletes login records after 30 days."),
    # Art. 29(2)(f): the intent to submit a request for mutual assistance.
    intent_to_submit_mla=True,
    intended_measures=[bc.Measure.DISCLOSE],
    preservation_days=90,
)

path = Path("first-request.json")
path.write_text(bc.dumps(request, indent=2), encoding="utf-8")
loaded = bc.loads(path.read_text(encoding="utf-8"))

print(f"{loaded.reference}: {loaded.KIND} from {loaded.requesting_party} to {loaded.requested_party}")
print(f"languages of the free text: {', '.join(loaded.text_languages)}")
for identifier in loaded.identifiers:
    print(f"- {identifier.KIND}: {identifier.value}")
    if isinstance(identifier, bc.IPAddressIdentifier) and identifier.observed_at_utc is not None:
        seen = identifier.observed_at_utc
        print(f"  seen at {identifier.observed_at.isoformat()} ({seen:%H:%M:%S} UTC), port {identifier.port}")
print(f"saved {path}; read back equal: {loaded == request}")
