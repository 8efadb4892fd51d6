#!/usr/bin/env python3
"""The phone's copy of forms/data/admin-units-2025.json (issue 8: size).

The data file holds the units after the July 2025 reform (34 provinces, 3,321
communes: what address fields offer and check) and the table that converts a
pre-2025 address (63 provinces, 696 districts, 10,037 communes). No screen of
the app converts old addresses yet, and the table is 80 % of the file (82 of
99 KB brotli), so the phone's copy keeps the old-unit sections empty. The
server and the tools load the full file. When the app gets a conversion
screen, the table should come as its own file, fetched when that screen opens.

    phone_data.py SOURCE_JSON OUTPUT_JSON
"""
import json
import os
import sys

OLD_SECTIONS = ("old_provinces", "old_districts", "old_communes")


def main(source, output):
    with open(source, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != "tokhai-admin-units/1":
        sys.exit(f"{source}: not a tokhai-admin-units/1 file")
    for section in OLD_SECTIONS:
        if not isinstance(doc.get(section), list):
            sys.exit(f"{source}: {section} is missing")
        doc[section] = []
    # The same compact layout as the source: one record per line.
    lines = ["{"]
    members = list(doc.items())
    for i, (key, value) in enumerate(members):
        end = "," if i + 1 < len(members) else ""
        if isinstance(value, list) and value:
            lines.append(json.dumps(key, ensure_ascii=False) + ":[")
            lines.append(",\n".join(json.dumps(v, ensure_ascii=False, separators=(",", ":"))
                                    for v in value))
            lines.append("]" + end)
        else:
            lines.append(json.dumps(key, ensure_ascii=False) + ":" +
                         json.dumps(value, ensure_ascii=False, separators=(",", ":")) + end)
    lines.append("}")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    temporary = output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(temporary, output)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
