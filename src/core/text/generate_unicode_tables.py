#!/usr/bin/python3
"""Generates unicode_tables.inc, the Unicode data behind core/text/unicode.cpp.

Reads Debian's `unicode-data` package (/usr/share/unicode by default) and writes:

  * src/core/text/unicode_tables.inc: sorted arrays for binary search (canonical
    combining classes, canonical decompositions, the pairs that compose, runs of
    simple lower/upper case mappings for the Latin ranges Vietnamese uses) and two
    arrays indexed by code point for the CJK compatibility ideographs;
  * .cache/deps/unicode/NormalizationTest.txt: the conformance test file,
    decompressed (Debian ships it as .bz2; the C++ tests read plain text).

Run it from anywhere: `/usr/bin/python3 src/core/text/generate_unicode_tables.py`.
`--output-dir DIR` writes both files flat into DIR instead; the tests use it to check
that the committed files are up to date. Only the standard library is used.
"""

import argparse
import bz2
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
TABLES_PATH = ROOT / "src/core/text/unicode_tables.inc"
TEST_DATA_PATH = ROOT / ".cache/deps/unicode/NormalizationTest.txt"

# The Latin ranges the case tables cover (ASCII is handled in code): Latin-1 letters,
# Latin Extended-A and -B, Latin Extended Additional (U+1EA0-1EF9 is Vietnamese).
CASE_RANGES = [(0x00C0, 0x024F), (0x1E00, 0x1EFF)]

# The blocks of the CJK compatibility ideographs, whose canonical decompositions are
# all singletons.
CJK_BLOCKS = [(0xF900, 0xFAD9), (0x2F800, 0x2FA1D)]

CODE_POINT_BITS = 21


def require(condition, message):
    """Stops the generator when the Unicode data breaks an assumption of unicode.cpp."""
    if not condition:
        sys.exit(f"generate_unicode_tables.py: {message}")


def read_version(path, name):
    """The version in a UCD file's first line, e.g. '# CompositionExclusions-15.0.0.txt'."""
    with open(path, encoding="utf-8") as f:
        match = re.match(r"#\s*" + re.escape(name) + r"-(\d+\.\d+\.\d+)\.txt", f.readline())
    require(match, f"{path}: no version in the first line")
    return match.group(1)


def data_lines(path):
    """The lines of a UCD file without comments, empty lines dropped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def code_point_set(path, property_name):
    """The code points listed for `property_name` in a UCD property file."""
    points = set()
    for line in data_lines(path):
        fields = [field.strip() for field in line.split(";")]
        if fields[1] == property_name:
            first, _, last = fields[0].partition("..")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def read_unicode_data(path):
    """Combining classes, canonical decompositions and simple lower/upper case mappings."""
    combining_class, decomposition, lower, upper = {}, {}, {}, {}
    for line in data_lines(path):
        fields = line.split(";")
        cp = int(fields[0], 16)
        if fields[3] != "0":
            combining_class[cp] = int(fields[3])
        if fields[5] and not fields[5].startswith("<"):
            decomposition[cp] = [int(x, 16) for x in fields[5].split()]
        if fields[12]:
            upper[cp] = int(fields[12], 16)
        if fields[13]:
            lower[cp] = int(fields[13], 16)
    return combining_class, decomposition, lower, upper


def combining_class_changes(combining_class):
    """(code point << 8) | class at each code point whose class differs from the one before."""
    candidates = sorted(set(combining_class) | {cp + 1 for cp in combining_class})
    return [
        (cp << 8) | combining_class.get(cp, 0)
        for cp in candidates
        if combining_class.get(cp, 0) != combining_class.get(cp - 1, 0)
    ]


def case_runs(mapping):
    """The CASE_RANGES part of `mapping` as runs (first, first + stride, ..., last all move
    by one delta), packed (first << 48) | (last << 32) | (stride << 16) | (delta + 0x8000)."""
    runs = []  # [first, last, delta, stride]
    for range_first, range_last in CASE_RANGES:
        for cp in range(range_first, range_last + 1):
            if mapping.get(cp, cp) == cp:
                continue
            delta = mapping[cp] - cp
            require(mapping[cp] <= 0xFFFF and abs(delta) < 0x8000, f"case of U+{cp:04X}")
            if runs and runs[-1][2] == delta:
                first, last, _, stride = runs[-1]
                step = cp - last
                if (first == last and step in (1, 2)) or (first != last and step == stride):
                    runs[-1][1], runs[-1][3] = cp, step
                    continue
            runs.append([cp, cp, delta, 1])
    return [
        (first << 48) | (last << 32) | (stride << 16) | (delta + 0x8000)
        for first, last, delta, stride in runs
    ]


def format_array(c_type, name, values, hex_digits, comment):
    """A constexpr C++ array, wrapped at 100 columns the way clang-format would."""
    lines = [f"// {comment}", f"constexpr {c_type} {name}[] = {{"]
    items = [f"0x{value:0{hex_digits}x}," for value in values]
    per_line = (100 - 4 + 1) // (len(items[0]) + 1)
    for i in range(0, len(items), per_line):
        lines.append("    " + " ".join(items[i : i + per_line]))
    lines.append("};")
    return "\n".join(lines) + "\n"


def generate(unicode_dir):
    """The text of unicode_tables.inc and of the decompressed NormalizationTest.txt."""
    version = read_version(
        unicode_dir / "DerivedNormalizationProps.txt", "DerivedNormalizationProps"
    )
    require(
        read_version(unicode_dir / "CompositionExclusions.txt", "CompositionExclusions") == version,
        f"CompositionExclusions.txt is not Unicode {version}",
    )
    test_text = bz2.decompress((unicode_dir / "NormalizationTest.txt.bz2").read_bytes())
    test_text = test_text.decode("utf-8")
    require(
        test_text.startswith(f"# NormalizationTest-{version}.txt"),
        f"NormalizationTest.txt is not Unicode {version}",
    )

    unicode_data = read_unicode_data(unicode_dir / "UnicodeData.txt")
    combining_class, decomposition, lower, upper = unicode_data
    exclusions = {int(cp, 16) for cp in data_lines(unicode_dir / "CompositionExclusions.txt")}
    full_exclusion = code_point_set(
        unicode_dir / "DerivedNormalizationProps.txt", "Full_Composition_Exclusion"
    )
    # UAX #15: the full exclusions are the listed ones, the singletons and the
    # decompositions that start with a non-starter. Check the files agree.
    derived = exclusions | {
        cp
        for cp, parts in decomposition.items()
        if len(parts) == 1 or combining_class.get(cp, 0) or combining_class.get(parts[0], 0)
    }
    require(derived == full_exclusion, "Full_Composition_Exclusion disagrees with its sources")

    # The CJK compatibility ideographs, half of all decompositions, fill two blocks
    # almost completely: arrays indexed by code point hold them at 4 bytes each. The rest
    # go into one sorted table of 8-byte entries.
    in_cjk_block = lambda cp: any(first <= cp <= last for first, last in CJK_BLOCKS)
    cjk = {cp: parts for cp, parts in decomposition.items() if in_cjk_block(cp)}
    require(all(len(parts) == 1 for parts in cjk.values()), "a CJK decomposition has 2 parts")
    keys = sorted(cp for cp in decomposition if cp not in cjk)
    require(len(keys) <= 0xFFFF, "too many decompositions for 16-bit indices")
    packed = []
    for cp in keys:
        first, second = (decomposition[cp] + [0])[:2]
        require(max(cp, first, second) < (1 << CODE_POINT_BITS), f"U+{cp:04X} does not pack")
        packed.append((cp << (2 * CODE_POINT_BITS)) | (first << CODE_POINT_BITS) | second)

    composing = [i for i, cp in enumerate(keys) if cp not in full_exclusion]
    composing.sort(key=lambda i: decomposition[keys[i]])
    # unicode.cpp's compose_pair skips any second below U+0300 without a search.
    require(all(decomposition[keys[i]][1] >= 0x300 for i in composing), "a pair ends below U+0300")

    out = [
        f"// Unicode {version} tables for core/text/unicode.cpp. GENERATED by",
        "// src/core/text/generate_unicode_tables.py from Debian's unicode-data package",
        "// (UnicodeData.txt, CompositionExclusions.txt, DerivedNormalizationProps.txt).",
        "// Do not edit: change the generator and run it again.",
        "",
        f'constexpr char kUnicodeVersion[] = "{version}";',
        "",
        format_array(
            "std::uint32_t", "kCombiningClassChanges", combining_class_changes(combining_class), 8,
            "(code point << 8) | canonical combining class, from that code point on.",
        ),
        format_array(
            "std::uint64_t", "kCanonicalDecompositions", packed, 16,
            "(code point << 42) | (first << 21) | second (0 if none): one decomposition step.",
        ),
    ]
    for (first, last), name in zip(CJK_BLOCKS, ["kCjkCompatibilityF900", "kCjkCompatibility2F800"]):
        targets = [cjk[cp][0] if cp in cjk else 0 for cp in range(first, last + 1)]
        out.append(
            format_array(
                "std::uint32_t", name, targets, 5,
                f"The decompositions of U+{first:04X}..U+{last:04X}, by code point (0: none).",
            )
        )
    out += [
        format_array(
            "std::uint16_t", "kCompositionOrder", composing, 4,
            "Indices into kCanonicalDecompositions of the pairs that compose, by (first, second).",
        ),
        format_array(
            "std::uint64_t", "kLowercaseRuns", case_runs(lower), 16,
            "Simple lowercase of U+00C0-024F and U+1E00-1EFF, in runs: (first << 48) |\n"
            "// (last << 32) | (stride << 16) | (delta + 0x8000).",
        ),
        format_array(
            "std::uint64_t", "kUppercaseRuns", case_runs(upper), 16,
            "Simple uppercase of the same ranges, in runs packed the same way.",
        ),
    ]
    return "\n".join(out), test_text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--unicode-dir", type=pathlib.Path, default=pathlib.Path("/usr/share/unicode")
    )
    parser.add_argument("--output-dir", type=pathlib.Path, help="write both files flat here")
    args = parser.parse_args()

    tables, test_text = generate(args.unicode_dir)
    tables_path, test_path = TABLES_PATH, TEST_DATA_PATH
    if args.output_dir:
        tables_path = args.output_dir / TABLES_PATH.name
        test_path = args.output_dir / TEST_DATA_PATH.name
    test_path.parent.mkdir(parents=True, exist_ok=True)
    tables_path.write_text(tables, encoding="utf-8")
    test_path.write_text(test_text, encoding="utf-8")


if __name__ == "__main__":
    main()
