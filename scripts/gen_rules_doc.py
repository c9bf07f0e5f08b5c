"""Rewrite docs/rules.md from the rule registry.

Run: python scripts/gen_rules_doc.py
"""

from __future__ import annotations

from pathlib import Path

from budapest_coop.validation.catalogue import markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main() -> None:
    TARGET.write_text(markdown(), encoding="utf-8")
    print(TARGET)


if __name__ == "__main__":
    main()
