// Readers of the members of a parsed wire document (envelope, receipt), shared
// by the formats so that each checks members, types and encodings the same
// way. They report a MemberProblem; each format turns it into its own error
// code ("envelope.…", "receipt.…") and message.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

enum class MemberFault {
  unknown_member,  // a member the format does not have
  missing_member,  // a required member is absent
  wrong_type,      // another JSON type
  bad_encoding,    // not lower-case hex / standard padded Base64
};

struct MemberProblem {
  MemberFault fault = MemberFault::wrong_type;
  std::string where;  // "member" or "object.member"
};

template <typename T>
using MemberResult = Result<T, MemberProblem>;

// The error code suffix of `fault` ("unknown_member", "missing_member",
// "wrong_type", "bad_encoding"), for formats that report every member problem
// as one kind of damage ("receipt.unknown_member", …).
std::string member_fault_code(MemberFault fault);

// "object.key", or "key" at the top.
std::string member_path(std::string_view object, std::string_view key);

// Whether `object` (at `path`) is an object with exactly the members `keys`:
// unknown ones are reported first (in the order of the text), then missing
// ones.
MemberResult<Done> require_members(const nlohmann::json& object, std::string_view path,
                                   std::initializer_list<std::string_view> keys);

// Readers of one member of an object checked by require_members.
MemberResult<std::string> text_member(const nlohmann::json& object, std::string_view path,
                                      std::string_view key);
MemberResult<crypto::Bytes> hex_member(const nlohmann::json& object, std::string_view path,
                                       std::string_view key);
MemberResult<crypto::Bytes> base64_member(const nlohmann::json& object, std::string_view path,
                                          std::string_view key);
MemberResult<std::uint64_t> integer_member(const nlohmann::json& object, std::string_view path,
                                           std::string_view key);

// How a document's "format" member differs from `format` ("tokhai-receipt/1"):
// `newer` when it names another version of the same family ("tokhai-receipt/2":
// the app or server is older than what sent it), `other` when it is absent,
// not a string, another format, or `doc` is not an object. Nullopt: it is
// `format`.
enum class FormatFault { other, newer };
std::optional<FormatFault> format_fault(const nlohmann::json& doc, std::string_view format);

// What a key signs in the role `context`: context ‖ 0x00 ‖ text.
crypto::Bytes signed_message(std::string_view context, std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ", a real UTC date (years 1000–9999) and time.
bool is_utc_timestamp(std::string_view text);

// n bytes as 2n lower-case hex digits.
bool is_lower_hex_of(std::string_view text, std::size_t bytes);

}  // namespace tokhai::wire
