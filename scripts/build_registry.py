"""Build the registry data files from the vendored reference data.

    python scripts/build_registry.py           # write src/budapest_coop/registry/data/*.json
    python scripts/build_registry.py --check   # exit 1 if the shipped files differ from a fresh build

Inputs (``scripts/reference/``): ``parties.csv`` (treaty status of each State) and
``parties-sources.md`` (the source keys of §7 with their titles and addresses). Outputs:
``parties.json`` and ``authorities.json``; their format is described in the README next to
them. The script is not part of the wheel.

Most columns map one to one. Two need judgment and are spelled out below, where a reviewer
can check them against the source text:

* ``cooperation_reservations_declarations`` is free text. It is split into segments (at
  ``;`` and at sentence ends, outside parentheses) and each segment is interpreted by the
  table ``COOPERATION``, which repeats the segment's exact words. When the CSV text changes,
  the build stops until the table is brought in line, so no reading can silently go stale.
* per-field confidence grades follow ``field_confidence`` (documented in the data README).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "scripts" / "reference"
CSV_PATH = REFERENCE / "parties.csv"
SOURCES_PATH = REFERENCE / "parties-sources.md"
DATA = ROOT / "src" / "budapest_coop" / "registry" / "data"

AS_OF = "2026-02-05"  # parties-sources.md §1
INSTRUMENTS = ("ETS185", "ETS189", "CETS224", "UNCC")
_PREFIX = {"ets185": "ETS185", "ets189": "ETS189", "cets224": "CETS224", "uncc": "UNCC"}
# verified_fields tokens (parties-sources.md §2) -> field of an instrument record
_TOKEN_FIELD = {
    "status": "status",
    "sig": "signature",
    "sig_date": "signature",
    "rat": "deposit",
    "eif": "entry_into_force",
    "invite_date": "invitation",
}
_STATUS = {
    "party": "party",
    "signatory-not-ratified": "signatory",
    "signatory": "signatory",
    "invited-to-accede": "invited",
    "ratified (Protocol not yet in force)": "ratified",
    "none": "none",
}

# Which instruments each source key supports, read from its title in parties-sources.md §7.
SOURCE_INSTRUMENTS: dict[str, tuple[str, ...]] = {
    "coe-chart-185-2015": ("ETS185",),
    "coe-chart-185-2004": ("ETS185",),
    "netlawgic-chart-185-2020": ("ETS185",),
    "trb-2007-10": ("ETS185",),
    "inview-185-parties": ("ETS185",),
    "nl-tdb-185-log": ("ETS185",),
    "coe-185-declarations": ("ETS185",),
    "nl-tdb-189-reservations": ("ETS189",),
    "nl-tdb-224-parties": ("CETS224",),
    "nl-tdb-224-declarations": ("CETS224",),
    "wipolex-224-actions": ("CETS224",),
    "njt-hu-2025-cix": ("CETS224",),
    "untc-xviii-16": ("UNCC",),
    "nl-tdb-uncc-parties": ("UNCC",),
    "coe-press-2024-06-20": ("ETS185", "ETS189", "CETS224"),
    "coe-release-2024-10-09": ("ETS185",),
    "coe-nigeria-2022": ("ETS185",),
    "coe-2024-02-07": ("ETS185",),
    "coe-timorleste-2022": ("ETS185",),
    "coe-tcy-news-invitations": ("ETS185",),
    "coe-grj-2019-14": ("ETS185",),
    "coe-grj-2024-6": ("ETS185",),
    "legilux-sm-mc": ("ETS185", "ETS189"),
    "dzu-2015-729": ("ETS185",),
    "oireachtas-wrans-2025": ("ETS185",),
    "pmg-za-2020": ("ETS185",),
    "nz-accession-2025": ("ETS185",),
    "press-cameroon-2023": ("ETS185",),
    "press-tunisia-2024": ("ETS185",),
    "press-sierraleone-2024": ("ETS185",),
    "pga-grenada-2024": ("ETS185",),
    "press-ci-2024": ("ETS185",),
    "press-rwanda-2025": ("ETS185", "ETS189"),
    "press-vanuatu-2025": ("ETS185", "ETS189", "CETS224"),
    "press-srilanka-2015": ("ETS185",),
    "press-uruguay-invite": ("ETS185", "UNCC"),
    "press-hanoi-2025": ("UNCC",),
    "machineherald-2026": ("UNCC",),
    "cyberlaw-uk-2008": ("ETS189",),
    "recalled": INSTRUMENTS,
}

# The Convention's text, from the source register of the treaty reference (§0.4): the basis
# of the treaty rules routing advice cites. Not a source of parties.csv, hence listed here.
EXTRA_SOURCES = {
    "ets185-text": {
        "type": "official",
        "type_note": None,
        "title": "English text of ETS 185 as published in the Dutch treaty database (Arts 1-48)",
        "urls": [
            "https://github.com/statengeneraal/laws-markdown/blob/253444e2cf322b0f8c2163983eab891b39c5bb69/"
            "verdrag/convention/on/cybercrime/BWBV0001839/README.md"
        ],
        "address_note": "repository statengeneraal/laws-markdown, commit 253444e2cf322b0f8c2163983eab891b39c5bb69",
        "instruments": ["ETS185"],
    }
}


# ---------------------------------------------------------------------------------------
# The reading of `cooperation_reservations_declarations`, segment by segment.
# ---------------------------------------------------------------------------------------


def reservation(code: str, note: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "reservation", "code": code, "note": note, **extra}


def declaration(code: str, note: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "declaration", "code": code, "note": note, **extra}


def designation(code: str, note: str, authorities: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    return {"kind": "designation", "code": code, "note": note, "authorities": list(authorities), **extra}


def complete(instrument: str, what: str) -> dict[str, Any]:
    """The record of *what* (reservations or declarations) for *instrument* is complete."""
    return {"complete": (instrument, what)}


def authority(
    ident: str,
    name: dict[str, str] | str,
    roles: tuple[str, ...],
    *,
    notes: str | None = None,
    territory: str | None = None,
    channels: tuple[str, ...] = (),
    valid_from: str | None = None,
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": {"en": name} if isinstance(name, str) else name,
        "roles": list(roles),
        "notes": notes,
        "territory": territory,
        "channels": list(channels),
        "valid_from": valid_from,
    }


CA = "central-authority"
POC = "24/7-point-of-contact"
EXTRADITION = "extradition-authority"

# iso2 -> {"sources": keys the entries were read in, "segments": [(exact words, [items])],
#          "authorities": [records named by designations]}
COOPERATION: dict[str, dict[str, Any]] = {
    "AL": {
        "sources": ["coe-185-declarations"],
        "segments": [
            (
                "Art.24(7): Ministry of Justice + Interpol NCB Tirana",
                [
                    designation(
                        "ETS185:24(7)",
                        "Extradition authorities: Ministry of Justice and Interpol NCB Tirana",
                        ("al-ministry-of-justice", "al-interpol-ncb-tirana"),
                    )
                ],
            ),
            (
                "Art.27(2) central authority: Ministry of Justice",
                [designation("ETS185:27(2)", "Central authority: Ministry of Justice", ("al-ministry-of-justice",))],
            ),
            (
                "Art.35 24/7: State Police (Ministry of Interior)",
                [designation("ETS185:35(1)", "24/7 point of contact: State Police", ("al-state-police",))],
            ),
            ("No reservations", [complete("ETS185", "reservations")]),
        ],
        "authorities": [
            authority("al-ministry-of-justice", "Ministry of Justice", (CA, EXTRADITION)),
            authority("al-interpol-ncb-tirana", "Interpol NCB Tirana", (EXTRADITION,), channels=("interpol",)),
            authority("al-state-police", "State Police (Ministry of Interior)", (POC,)),
        ],
    },
    "AD": {
        "sources": ["coe-185-declarations"],
        "segments": [
            (
                "Art.29(4) declaration: for offences other than Arts 2-11, preservation requests accepted only if "
                "dual criminality met at time of request",
                [
                    reservation(
                        "ETS185:29(4)",
                        "Preservation may be refused for offences other than those of Arts 2-11 where dual "
                        "criminality is not met; recorded in the source as a declaration, but Art. 42 lists "
                        "Art. 29(4) among the reservations",
                    )
                ],
            ),
            (
                "reservations under Arts 6(3), 9(4), 11(3) (and others per CoE profile)",
                [
                    reservation("ETS185:6(3)", "Reservation under Art. 6(3) (misuse of devices)"),
                    reservation("ETS185:9(4)", "Reservation under Art. 9(4) (child pornography)"),
                    reservation("ETS185:11(3)", "Reservation under Art. 11(3) (attempt)"),
                ],
            ),
            (
                "declarations on Arts 24, 27, 35",
                [
                    designation("ETS185:24(7)", "Extradition authority designated (name not recorded here)"),
                    designation("ETS185:27(2)", "Central authority designated (name not recorded here)"),
                    designation("ETS185:35(1)", "24/7 point of contact designated (name not recorded here)"),
                ],
            ),
        ],
    },
    "AT": {
        "sources": ["coe-185-declarations"],
        "segments": [
            (
                "Art.29(4) reservation (dual criminality for preservation, except Arts 2-11 offences)",
                [
                    reservation(
                        "ETS185:29(4)",
                        "Preservation may be refused where dual criminality is not met, except for offences of "
                        "Arts 2-11",
                    )
                ],
            ),
            (
                "Art.24(7)/27(2): Federal Ministry of Justice (Dept IV 4)",
                [
                    designation(
                        "ETS185:24(7)",
                        "Extradition authority: Federal Ministry of Justice",
                        ("at-federal-ministry-of-justice",),
                    ),
                    designation(
                        "ETS185:27(2)",
                        "Central authority: Federal Ministry of Justice",
                        ("at-federal-ministry-of-justice",),
                    ),
                ],
            ),
            (
                "Art.35: Federal Criminal Police Office Cybercrime Competence Center",
                [
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact: Federal Criminal Police Office, Cybercrime Competence Center",
                        ("at-federal-criminal-police-office-c4",),
                    )
                ],
            ),
        ],
        "authorities": [
            authority("at-federal-ministry-of-justice", "Federal Ministry of Justice (Dept IV 4)", (CA, EXTRADITION)),
            authority(
                "at-federal-criminal-police-office-c4",
                "Federal Criminal Police Office Cybercrime Competence Center",
                (POC,),
            ),
        ],
    },
    "BJ": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            (
                "Declarations under Arts 24, 27, 35 designating national authorities (details in nl-tdb-185-log)",
                [
                    designation("ETS185:24(7)", "Extradition authority designated (name not recorded here)"),
                    designation("ETS185:27(2)", "Central authority designated (name not recorded here)"),
                    designation("ETS185:35(1)", "24/7 point of contact designated (name not recorded here)"),
                ],
            ),
        ],
    },
    "BG": {
        "sources": ["coe-185-declarations"],
        "segments": [
            (
                "Art.14(3) reservation: Art.20 (real-time traffic data) applied only to serious offences",
                [
                    reservation(
                        "ETS185:14(3)", "Real-time collection of traffic data (Art. 20) only for serious offences"
                    )
                ],
            ),
        ],
    },
    "CZ": {
        "sources": ["coe-185-declarations"],
        "segments": [
            (
                "Art.29(4) reservation (2013) — WITHDRAWN 5 Jul 2019",
                [
                    reservation(
                        "ETS185:29(4)",
                        "Dual-criminality reservation for preservation, made in 2013 and withdrawn on 2019-07-05",
                        withdrawn_on="2019-07-05",
                    )
                ],
            ),
        ],
    },
    "CI": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            (
                "No reservations or declarations recorded at accession (2024-07-29)",
                [complete("ETS185", "reservations"), complete("ETS185", "declarations")],
            ),
        ],
    },
    "EC": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            (
                "Art.24(7): National Court of Justice",
                [
                    designation(
                        "ETS185:24(7)",
                        "Extradition authority: National Court of Justice",
                        ("ec-national-court-of-justice",),
                        made_on="2025-12-04",
                    )
                ],
            ),
            (
                "Art.27(2) central authority: Office of the General Prosecutor",
                [
                    designation(
                        "ETS185:27(2)",
                        "Central authority: Office of the General Prosecutor",
                        ("ec-office-of-the-general-prosecutor",),
                        made_on="2025-12-04",
                    )
                ],
            ),
            (
                "Art.35 24/7: Office of the General Prosecutor (declared 2025-12-04)",
                [
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact: Office of the General Prosecutor",
                        ("ec-office-of-the-general-prosecutor",),
                        made_on="2025-12-04",
                    )
                ],
            ),
        ],
        "authorities": [
            authority(
                "ec-national-court-of-justice", "National Court of Justice", (EXTRADITION,), valid_from="2025-12-04"
            ),
            authority(
                "ec-office-of-the-general-prosecutor",
                "Office of the General Prosecutor",
                (CA, POC),
                valid_from="2025-12-04",
            ),
        ],
    },
    "IE": {
        "sources": [],
        "segments": [("Not a Party", []), ("n/a", [])],
    },
    "JP": {
        "sources": ["nl-tdb-224-declarations", "wipolex-224-actions"],
        "segments": [
            (
                "CETS 224 (instrument of 2023-08-10): reservation under Art. 7(9)(a) (Art. 7 not applied), made under "
                "Art. 19(1)",
                [
                    reservation(
                        "CETS224:7(9)(a)",
                        "Art. 7 (direct orders to service providers for subscriber information) is not applied; "
                        "made under Art. 19(1). Japan's only CETS 224 reservation",
                        made_on="2023-08-10",
                    ),
                    complete("CETS224", "reservations"),
                ],
            ),
            (
                "declaration under Art. 8(11), made under Art. 19(2): Art. 8 requests from other Parties to be "
                "submitted by the requesting Party's central authority or another mutually determined authority",
                [
                    declaration(
                        "CETS224:8(11)",
                        "Art. 8 requests must come from the requesting Party's central authority or an authority the "
                        "two Parties agree on; a declaration under Art. 19(2), not a reservation",
                        made_on="2023-08-10",
                    )
                ],
            ),
            (
                "designations under Art. 6(6) (Minister of Justice), Art. 8(10)(a) (Minister of Justice; National "
                "Public Safety Commission), Art. 14(7)(c) (Ministry of Internal Affairs and Communications; Ministry "
                "of Justice; Ministry of Foreign Affairs), Art. 14(10)(b) (Minister of Justice)",
                [
                    designation(
                        "CETS224:6(6)",
                        "Authority for Art. 6(5) consultations: Minister of Justice",
                        ("jp-minister-of-justice",),
                        made_on="2023-08-10",
                    ),
                    designation(
                        "CETS224:8(10)(a)",
                        "Authorities that submit Art. 8 orders: Minister of Justice; National Public Safety Commission",
                        ("jp-minister-of-justice", "jp-national-public-safety-commission"),
                        made_on="2023-08-10",
                    ),
                    designation(
                        "CETS224:14(7)(c)",
                        "Authorities to be notified under Art. 14(7)(b): Ministry of Internal Affairs and "
                        "Communications; Ministry of Justice; Ministry of Foreign Affairs",
                        (
                            "jp-ministry-of-internal-affairs-and-communications",
                            "jp-ministry-of-justice",
                            "jp-ministry-of-foreign-affairs",
                        ),
                        made_on="2023-08-10",
                    ),
                    designation(
                        "CETS224:14(10)(b)",
                        "Authority that authorises onward transfers: Minister of Justice",
                        ("jp-minister-of-justice",),
                        made_on="2023-08-10",
                    ),
                ],
            ),
            ("ETS 185 declarations not recorded here", []),
        ],
        "authorities": [
            authority(
                "jp-minister-of-justice",
                "Minister of Justice",
                ("cets224-consultation-authority", "cets224-order-authority", "cets224-transfer-authority"),
                notes="Art. 6(6): International Affairs Division, Criminal Affairs Bureau",
            ),
            authority(
                "jp-national-public-safety-commission",
                "National Public Safety Commission",
                ("cets224-order-authority",),
                notes="Art. 8(10)(a): International Investigative Operations Division, National Police Agency",
            ),
            authority(
                "jp-ministry-of-internal-affairs-and-communications",
                "Ministry of Internal Affairs and Communications",
                ("cets224-data-protection-authority",),
            ),
            authority("jp-ministry-of-justice", "Ministry of Justice", ("cets224-data-protection-authority",)),
            authority(
                "jp-ministry-of-foreign-affairs", "Ministry of Foreign Affairs", ("cets224-data-protection-authority",)
            ),
        ],
    },
    "NL": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            # A territorial application (ETS 185 Art. 38), which the treaty reference does not cover:
            # it stays in the record's notes and narrows the authority record below to Curaçao.
            ("Territorial extension to Curaçao (EIF 2024-10-01)", []),
            (
                "central authority and 24/7 point for Curaçao: Interpol NCB Curaçao",
                [
                    designation(
                        "ETS185:27(2)",
                        "Central authority for Curaçao: Interpol NCB Curaçao",
                        ("nl-cw-interpol-ncb-curacao",),
                        valid_from="2024-10-01",
                    ),
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact for Curaçao: Interpol NCB Curaçao",
                        ("nl-cw-interpol-ncb-curacao",),
                        valid_from="2024-10-01",
                    ),
                ],
            ),
        ],
        "authorities": [
            authority(
                "nl-cw-interpol-ncb-curacao",
                "Interpol NCB Curaçao",
                (CA, POC),
                territory="CW",
                channels=("interpol",),
                valid_from="2024-10-01",
                notes="For Curaçao only (territorial extension in force from 2024-10-01)",
            ),
        ],
    },
    "NZ": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            (
                "Reservations incl. Art.14(3)(a) (no surveillance-device warrants to intercept traffic data for "
                "offences punishable by <7 years) and under Art.22(2) (text truncated in source)",
                [
                    reservation(
                        "ETS185:14(3)(a)",
                        "No surveillance-device warrants to intercept traffic data for offences punishable by less "
                        "than 7 years",
                    ),
                    reservation(
                        "ETS185:22(2)", "Reservation on jurisdiction (Art. 22); its text is truncated in the source"
                    ),
                ],
            ),
        ],
    },
    "NO": {
        "sources": ["nl-tdb-185-log"],
        "segments": [
            (
                "From 1 Jan 2026: Art.27(2) competent authority Riksadvokaten (Director of Public Prosecutions)",
                [
                    designation(
                        "ETS185:27(2)",
                        "Central authority from 2026-01-01: Riksadvokaten (Director of Public Prosecutions)",
                        ("no-riksadvokaten",),
                        valid_from="2026-01-01",
                    )
                ],
            ),
            (
                "Art.35(1) 24/7 point: KRIPOS (NCIS Norway)",
                [
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact from 2026-01-01: KRIPOS (NCIS Norway)",
                        ("no-kripos",),
                        valid_from="2026-01-01",
                    )
                ],
            ),
        ],
        "authorities": [
            authority(
                "no-riksadvokaten",
                "Riksadvokaten (Director of Public Prosecutions)",
                (CA,),
                valid_from="2026-01-01",
                notes="Designated as the competent authority under Art. 27(2) from 2026-01-01",
            ),
            authority("no-kripos", "KRIPOS (NCIS Norway)", (POC,), valid_from="2026-01-01"),
        ],
    },
    "PL": {
        "sources": ["coe-185-declarations", "dzu-2015-729"],
        "segments": [
            (
                "Art.29(4) reservation (dual criminality for search/seizure/disclosure for offences other than "
                "Arts 2-11)",
                [
                    reservation(
                        "ETS185:29(4)",
                        "Preservation may be refused for offences other than those of Arts 2-11 where dual "
                        "criminality, required for search, seizure or disclosure, will not be met",
                    )
                ],
            ),
            (
                "Art.24(7)/27(2): Prosecutor General (pre-trial) / Ministry of Justice (other)",
                [
                    designation(
                        "ETS185:24(7)",
                        "Extradition authorities: Prosecutor General (pre-trial stage), Ministry of Justice "
                        "(otherwise)",
                        ("pl-prosecutor-general", "pl-ministry-of-justice"),
                    ),
                    designation(
                        "ETS185:27(2)",
                        "Central authorities: Prosecutor General (pre-trial stage), Ministry of Justice (otherwise)",
                        ("pl-prosecutor-general", "pl-ministry-of-justice"),
                    ),
                ],
            ),
            (
                "Art.35: National Police HQ cybercrime support unit",
                [
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact: National Police Headquarters, cybercrime support unit",
                        ("pl-national-police-hq-cybercrime",),
                    )
                ],
            ),
        ],
        "authorities": [
            authority(
                "pl-prosecutor-general", "Prosecutor General", (CA, EXTRADITION), notes="For the pre-trial stage"
            ),
            authority(
                "pl-ministry-of-justice",
                "Ministry of Justice",
                (CA, EXTRADITION),
                notes="For stages other than pre-trial",
            ),
            authority("pl-national-police-hq-cybercrime", "National Police HQ cybercrime support unit", (POC,)),
        ],
    },
    "SM": {
        "sources": ["legilux-sm-mc"],
        "segments": [
            (
                "Art.24(7): Secretariat of State for Justice",
                [
                    designation(
                        "ETS185:24(7)",
                        "Extradition authority: Secretariat of State for Justice",
                        ("sm-secretariat-of-state-for-justice",),
                        made_on="2019-03-08",
                    )
                ],
            ),
            (
                "Art.27(2): Secretariat of State for Foreign Affairs",
                [
                    designation(
                        "ETS185:27(2)",
                        "Central authority: Secretariat of State for Foreign Affairs",
                        ("sm-secretariat-of-state-for-foreign-affairs",),
                        made_on="2019-03-08",
                    )
                ],
            ),
            (
                "Art.35: ICPO-Interpol NCB San Marino",
                [
                    designation(
                        "ETS185:35(1)",
                        "24/7 point of contact: ICPO-Interpol NCB San Marino",
                        ("sm-interpol-ncb-san-marino",),
                        made_on="2019-03-08",
                    )
                ],
            ),
        ],
        "authorities": [
            authority("sm-secretariat-of-state-for-justice", "Secretariat of State for Justice", (EXTRADITION,)),
            authority("sm-secretariat-of-state-for-foreign-affairs", "Secretariat of State for Foreign Affairs", (CA,)),
            authority("sm-interpol-ncb-san-marino", "ICPO-Interpol NCB San Marino", (POC,), channels=("interpol",)),
        ],
    },
    "US": {
        "sources": ["trb-2007-10", "coe-185-declarations"],
        "segments": [
            (
                "Declarations under Arts 2, 6, 7 (additional intent/quantity elements)",
                [
                    declaration("ETS185:2", "Additional element of intent required for the Art. 2 offence"),
                    declaration(
                        "ETS185:6(1)(b)",
                        "A number of items required for the Art. 6 offence; recorded as 'Art. 6', and Art. 40 "
                        "allows a declaration on Art. 6 only under 6(1)(b)",
                    ),
                    declaration("ETS185:7", "Additional element of intent required for the Art. 7 offence"),
                ],
            ),
            (
                "Art.27(9)(e) requests to be addressed to US central authority",
                [declaration("ETS185:27(9)(e)", "Urgent requests under Art. 27(9) go to the central authority")],
            ),
            (
                "reservations incl. Art.4 (serious harm), Art.6, Art.9(2)(b)-(c), Art.41 federal clause",
                [
                    reservation(
                        "ETS185:4(2)",
                        "Serious harm required for the Art. 4 offence; recorded as 'Art.4', and Art. 42 allows "
                        "that reservation under 4(2)",
                    ),
                    reservation(
                        "ETS185:6(3)",
                        "Reservation on Art. 6 (misuse of devices); recorded as 'Art.6', and Art. 42 allows a "
                        "reservation on Art. 6 only under 6(3)",
                    ),
                    reservation(
                        "ETS185:9(4)",
                        "Art. 9(2)(b)-(c) not applied; recorded as 'Art.9(2)(b)-(c)', a reservation Art. 9(4) allows",
                    ),
                    reservation("ETS185:41(1)", "Federal clause"),
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------------------


def split_segments(text: str) -> list[str]:
    """Split at ';' and at sentence ends, outside parentheses; keep 'incl.' together."""
    segments: list[str] = []
    depth = 0
    current = ""
    i = 0
    while i < len(text):
        char = text[i]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            match = re.match(r";\s+|\.\s+(?=[A-Z])", text[i:])
            if match and not (match.group().startswith(".") and current.endswith("incl")):
                segments.append(current.strip())
                current = ""
                i += match.end()
                continue
        current += char
        i += 1
    if current.strip():
        segments.append(current.strip())
    return [s.removesuffix(".") for s in segments]


def parse_sources(markdown: str) -> dict[str, dict[str, Any]]:
    """The source table of parties-sources.md §7."""
    section = markdown.split("## 7. Source keys", 1)[1]
    sources: dict[str, dict[str, Any]] = {}
    for line in section.splitlines():
        match = re.match(r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", line)
        if not match:
            continue
        key, kind, title, address = (part.strip() for part in match.groups())
        type_match = re.match(r"^(official|secondary|none)(?: \((.+)\))?$", kind)
        if type_match is None:
            raise SystemExit(f"parties-sources.md: source {key}: unknown type {kind!r}")
        urls = [u.rstrip(".,;") for u in re.findall(r"https?://[^\s;]+", address)]
        rest = re.sub(r"https?://[^\s;]+", "", address).strip(" ;")
        note = re.sub(r"\s*;\s*", "; ", rest).strip("; ").strip("()") or None
        if key not in SOURCE_INSTRUMENTS:
            raise SystemExit(f"parties-sources.md: source {key} has no entry in SOURCE_INSTRUMENTS")
        sources[key] = {
            "type": type_match[1],
            "type_note": type_match[2],
            "title": title,
            "urls": urls,
            "address_note": note,
            "instruments": list(SOURCE_INSTRUMENTS[key]),
        }
    missing = set(SOURCE_INSTRUMENTS) - set(sources)
    if missing:
        raise SystemExit(f"parties-sources.md: no row for the source keys {sorted(missing)}")
    return sources


def split_tokens(text: str) -> list[str]:
    """Split verified_fields at ';' outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def read_fields(text: str) -> dict[str, dict[str, str | None]]:
    """verified_fields -> instrument -> field -> qualifier (None when unqualified)."""
    result: dict[str, dict[str, str | None]] = {i: {} for i in INSTRUMENTS}
    instrument = None
    for written in split_tokens(text):
        token = written
        prefix = re.match(r"^(ets185|ets189|cets224|uncc):(.*)$", written)
        if prefix:
            instrument = _PREFIX[prefix[1]]
            token = prefix[2]
        match = re.match(r"^(\w+)(?:\((.*)\))?$", token)
        if instrument is None or match is None:
            raise SystemExit(f"verified_fields: cannot read {token!r} in {text!r}")
        name, qualifier = match[1], match[2]
        if name == "resdecl":
            continue  # the reservations and declarations carry their own grade
        if name not in _TOKEN_FIELD:
            raise SystemExit(f"verified_fields: unknown token {name!r} in {text!r}")
        result[instrument][_TOKEN_FIELD[name]] = qualifier
    return result


def _limiting(qualifier: str | None) -> bool:
    return qualifier is not None and ("inferred" in qualifier or "partial" in qualifier)


def source_grade(instrument: str, row_sources: list[str], sources: dict[str, dict[str, Any]]) -> str:
    """The grade of a value read for *instrument*, from the types of the row's sources for it."""
    kinds = {sources[k]["type"] for k in row_sources if k != "recalled" and instrument in sources[k]["instruments"]}
    if not kinds:
        return "unverified"
    return "verified" if kinds == {"official"} else "secondary"


def field_confidence(
    instrument: str,
    field: str,
    read: dict[str, str | None],
    row: dict[str, str],
    sources: dict[str, dict[str, Any]],
    *,
    computed_from: str | None = None,
) -> str:
    """How far a field's value was checked.

    * not read in a source: unverified (recalled), unless computed by a treaty rule from a
      field that was read: then the grade of that field;
    * read with a limiting qualifier (inferred, partly legible): unverified;
    * ETS 185 fields: the row's confidence when it is verified or secondary (parties-sources.md
      §3 makes the row grade cover them); otherwise, and for the other instruments, verified
      when every source the row cites for the instrument is official, else secondary.
    """
    row_sources = [s for s in row["source"].split(";") if s]
    if field not in read:
        if computed_from is not None and computed_from in read:
            return field_confidence(instrument, computed_from, read, row, sources)
        return "unverified"
    if _limiting(read[field]):
        return "unverified"
    if instrument == "ETS185" and row["confidence"] in ("verified", "secondary"):
        return row["confidence"]
    return source_grade(instrument, row_sources, sources)


def instrument_record(
    instrument: str, row: dict[str, str], read: dict[str, str | None], sources: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    prefix = instrument.lower()
    status = _STATUS[row[f"{prefix}_status"]]
    values: dict[str, str | None] = {"status": status}
    computed = False
    invitation = None
    if instrument == "ETS185":
        values["signature"] = row["ets185_signature"] or None
        values["deposit"] = row["ets185_ratification_or_accession"] or None
        values["entry_into_force"] = row["ets185_entry_into_force"] or None
        computed = "EIF computed" in row["notes"]
        if "invitation" in read:
            found = re.search(r"Invited (\d{4}-\d{2}-\d{2})", row["notes"])
            invitation = found[1] if found else None
        values["invitation"] = invitation
    elif instrument == "CETS224":
        values["signature"] = row["cets224_signature"] or None
        values["deposit"] = row["cets224_ratification"] or None
    elif instrument == "UNCC":
        values["signature"] = row["uncc_signature"] or None
    confidence = {
        field: field_confidence(
            instrument,
            field,
            read,
            row,
            sources,
            computed_from="deposit" if field == "entry_into_force" and computed else None,
        )
        for field, value in values.items()
        if value is not None
    }
    return {
        "status": status,
        "signature": values.get("signature"),
        "deposit": values.get("deposit"),
        "deposit_kind": (row["ets185_instrument"] or None) if instrument == "ETS185" else None,
        "entry_into_force": values.get("entry_into_force"),
        "entry_into_force_computed": computed,
        "invitation": invitation,
        "read_in_source": read,
        "confidence": confidence,
        "reservations_recorded": "not-recorded",
        "declarations_recorded": "not-recorded",
    }


def entries_and_authorities(
    row: dict[str, str], sources: dict[str, dict[str, Any]], instruments: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    code, text = row["iso2"], row["cooperation_reservations_declarations"]
    reading = COOPERATION.get(code)
    if not text:
        if reading is not None:
            raise SystemExit(f"{code}: COOPERATION reads a text the CSV no longer has")
        return [], []
    if reading is None:
        raise SystemExit(f"{code}: no reading in COOPERATION for {text!r}")
    segments = split_segments(text)
    expected = [words for words, _ in reading["segments"]]
    if segments != expected:
        raise SystemExit(f"{code}: the CSV text changed; segments now {segments!r}, COOPERATION has {expected!r}")
    row_sources = [s for s in row["source"].split(";") if s]
    for key in reading["sources"]:
        if key not in row_sources:
            raise SystemExit(f"{code}: entry source {key} is not among the row's sources")
    kinds = {sources[k]["type"] for k in reading["sources"]}
    grade = "verified" if "official" in kinds else "secondary" if kinds else "unverified"
    entries: list[dict[str, Any]] = []
    for words, items in reading["segments"]:
        for item in items:
            if "complete" in item:
                instrument, what = item["complete"]
                instruments[instrument][f"{what}_recorded"] = "complete"
                continue
            entries.append(
                {
                    "kind": item["kind"],
                    "code": item["code"],
                    "note": item["note"],
                    "recorded_as": words,
                    "made_on": item.get("made_on"),
                    "valid_from": item.get("valid_from"),
                    "withdrawn_on": item.get("withdrawn_on"),
                    "authorities": item.get("authorities", []),
                    "source": list(reading["sources"]),
                    "confidence": grade,
                }
            )
    for entry in entries:
        instrument = entry["code"].split(":")[0]
        what = "reservations" if entry["kind"] == "reservation" else "declarations"
        if instruments[instrument][f"{what}_recorded"] == "not-recorded":
            instruments[instrument][f"{what}_recorded"] = "partial"
    records = []
    for record in reading.get("authorities", []):
        records.append(
            {
                "id": record["id"],
                "country": code,
                "territory": record["territory"],
                "name": record["name"],
                "roles": record["roles"],
                "address": None,
                "person_in_charge": None,
                "phone": None,
                "mobile": None,
                "email": None,
                "fax": None,
                "office_hours": None,
                "time_zone": None,
                "languages": [],
                "channels": record["channels"],
                "means": [],
                "notes": record["notes"],
                "valid_from": record["valid_from"],
                "source": list(reading["sources"]),
                "last_verified": AS_OF,
                "confidence": grade,
            }
        )
    named = {a for e in entries for a in e["authorities"]}
    if named != {r["id"] for r in records}:
        raise SystemExit(f"{code}: designations name {sorted(named)}, records are {sorted(r['id'] for r in records)}")
    return entries, records


def coe(value: str) -> tuple[bool | None, str | None]:
    if value == "yes":
        return True, None
    if value == "n/a":
        return None, None
    expelled = re.match(r"^no \(expelled (\d{4}-\d{2}-\d{2})\)$", value)
    if expelled:
        return False, expelled[1]
    if value == "no":
        return False, None
    raise SystemExit(f"coe_member: unknown value {value!r}")


def build() -> tuple[dict[str, Any], dict[str, Any]]:
    raw = CSV_PATH.read_bytes()
    sources = parse_sources(SOURCES_PATH.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
    parties, authorities = [], []
    for row in rows:
        code = row["iso2"]
        read = read_fields(row["verified_fields"])
        for key in (k for k in row["source"].split(";") if k):
            if key not in sources:
                raise SystemExit(f"{code}: unknown source key {key}")
        instruments = {i: instrument_record(i, row, read[i], sources) for i in INSTRUMENTS}
        entries, records = entries_and_authorities(row, sources, instruments)
        member, expelled = coe(row["coe_member"])
        parties.append(
            {
                "code": code,
                "name": row["name"],
                "state": code != "EU",
                "coe_member": member,
                "coe_expelled_on": expelled,
                "instruments": instruments,
                "entries": entries,
                "languages": None,
                "source": [k for k in row["source"].split(";") if k],
                "verified_fields": row["verified_fields"] or None,
                "confidence": row["confidence"],
                "notes": row["notes"] or None,
                "cooperation_text": row["cooperation_reservations_declarations"] or None,
            }
        )
        authorities.extend(records)
    unread = set(COOPERATION) - {r["iso2"] for r in rows}
    if unread:
        raise SystemExit(f"COOPERATION reads rows the CSV does not have: {sorted(unread)}")
    generated = {"file": "scripts/reference/parties.csv", "sha256": hashlib.sha256(raw).hexdigest()}
    parties_doc = {
        "format": "budapest-coop-parties",
        "version": 1,
        "as_of": AS_OF,
        "generated_from": generated,
        "sources": {**sources, **EXTRA_SOURCES},
        "parties": parties,
    }
    authorities_doc = {
        "format": "budapest-coop-authorities",
        "version": 1,
        "as_of": AS_OF,
        "authorities": authorities,
    }
    _check_with_library(parties_doc, authorities_doc)
    return parties_doc, authorities_doc


def _check_with_library(parties_doc: dict[str, Any], authorities_doc: dict[str, Any]) -> None:
    """Every record must read back through the library's own types, unchanged."""
    from budapest_coop.registry import AuthorityRecord, Party

    as_of = dt.date.fromisoformat(parties_doc["as_of"])
    for data in parties_doc["parties"]:
        again = Party.from_dict(data, as_of).to_dict()
        if again != data:
            raise SystemExit(f"{data['code']}: the record does not read back unchanged through Party")
    for data in authorities_doc["authorities"]:
        if AuthorityRecord.from_dict(data).to_dict() != data:
            raise SystemExit(f"{data['id']}: the record does not read back unchanged through AuthorityRecord")


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare the shipped files with a fresh build")
    args = parser.parse_args(argv)
    parties_doc, authorities_doc = build()
    outputs = {DATA / "parties.json": render(parties_doc), DATA / "authorities.json": render(authorities_doc)}
    if args.check:
        stale = [p for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} differs from a fresh build; run scripts/build_registry.py", file=sys.stderr
            )
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
