// Canonical JSON: the one byte sequence of a JSON value that the signatures
// of tokhai's wire formats cover, so that a signer and every verifier agree on
// the bytes without agreeing on a serialiser, and a document read and written
// again is the same document.
//
// A text is canonical when it is exactly what canonical_json() writes for the
// value it parses to:
//   - UTF-8 without a byte order mark, one value, no whitespace outside strings;
//   - object members in ascending byte order of their keys, each key once;
//   - strings and keys in Unicode NFC, escaped only where JSON requires it:
//     \" and \\, \b \f \n \r \t, and \u00xx (lower-case hex) for the other
//     characters below U+0020; every other character as itself (no "\/", no
//     "\u00e1" for "á");
//   - numbers: integers from 0 to 2^53 − 1 (exact in every JSON reader,
//     JavaScript's included) in shortest decimal form: no sign, fraction,
//     exponent or leading zero;
//   - true, false and null as themselves.
// For values whose keys are ASCII (every key of our formats) this is the
// output of RFC 8785 (JSON Canonicalization Scheme), which sorts keys by
// UTF-16 code units: for ASCII the same order as bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::uint64_t kMaxCanonicalInteger = (std::uint64_t{1} << 53) - 1;

// Bounds checked before a tree is built (core::json_shape): a text from
// elsewhere cannot make the reader allocate more than a small multiple of
// max_bytes.
struct JsonBounds {
  std::size_t max_bytes = 0;
  std::size_t max_depth = 0;   // containers nested in each other
  std::size_t max_tokens = 0;  // '"', '{', '[' and ',' outside strings
};

// Why a text is not canonical JSON within bounds. Each format turns these
// into its own error codes and messages.
enum class JsonFault {
  too_large,         // more bytes or tokens than the bounds (where: "bytes", "tokens")
  too_deep,          // nested deeper than the bounds (where: "nesting")
  not_json,          // not one JSON value in UTF-8
  duplicate_member,  // an object has a key twice (where: that member)
  unsorted_members,  // keys out of byte order (where: the first member out of order)
  not_integer,       // a number that is not an integer 0..2^53 − 1 (where: its member)
  not_nfc,           // a string or key not in NFC (where: its member)
  not_canonical,     // whitespace, escapes or number spelling (where: "byte N", the first
                     // byte that differs from the canonical text, counted from 0)
};

struct JsonProblem {
  JsonFault fault = JsonFault::not_json;
  std::string where;
};

// Whether `fault` means there was no JSON to read within bounds (too large,
// too deep, not JSON) rather than JSON that is not canonical: the formats
// report the first as "not_json", the rest as "not_canonical".
bool is_unreadable(JsonFault fault);

// The canonical text of `value` (see above). A value that holds a float,
// a negative number or a string that is not NFC has no canonical text; the
// writers of our formats never build one. Invalid UTF-8 is written as U+FFFD
// rather than stopping the program.
std::string canonical_json(const nlohmann::json& value);

// The value of `text` when `text` is canonical JSON within `bounds`; the first
// problem found otherwise, in the order of JsonFault.
Result<nlohmann::json, JsonProblem> parse_canonical_json(std::string_view text,
                                                         const JsonBounds& bounds);

}  // namespace tokhai::wire
