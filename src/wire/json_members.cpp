// Member readers shared by the wire formats (see json_members.h).
#include "wire/json_members.h"

#include <algorithm>

#include "core/dates.h"
#include "core/json_text.h"
#include "crypto/encoding.h"

namespace tokhai::wire {
namespace {

using crypto::Bytes;
using nlohmann::json;

MemberProblem problem(MemberFault fault, std::string_view path, std::string_view key) {
  return MemberProblem{fault, member_path(path, key)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string member_path(std::string_view object, std::string_view key) {
  return object.empty() ? std::string(key) : std::string(object) + "." + std::string(key);
}

MemberResult<Done> require_members(const json& object, std::string_view path,
                                   std::initializer_list<std::string_view> keys) {
  if (!object.is_object()) return MemberProblem{MemberFault::wrong_type, std::string(path)};
  for (const auto& [key, value] : object.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return problem(MemberFault::unknown_member, path, key);
    }
  }
  for (std::string_view key : keys) {
    if (core::json_member(object, key) == nullptr) {
      return problem(MemberFault::missing_member, path, key);
    }
  }
  return Done{};
}

MemberResult<std::string> text_member(const json& object, std::string_view path,
                                      std::string_view key) {
  const json& value = *core::json_member(object, key);
  if (!value.is_string()) return problem(MemberFault::wrong_type, path, key);
  return value.get<std::string>();
}

MemberResult<Bytes> hex_member(const json& object, std::string_view path, std::string_view key) {
  auto text = text_member(object, path, key);
  if (!text) return text.error();
  auto bytes = crypto::from_hex(text.value());
  if (!bytes || crypto::to_hex(bytes.value()) != text.value()) {
    return problem(MemberFault::bad_encoding, path, key);
  }
  return std::move(bytes).value();
}

MemberResult<Bytes> base64_member(const json& object, std::string_view path, std::string_view key) {
  auto text = text_member(object, path, key);
  if (!text) return text.error();
  auto bytes = crypto::from_base64(text.value());
  if (!bytes || crypto::to_base64(bytes.value()) != text.value()) {
    return problem(MemberFault::bad_encoding, path, key);
  }
  return std::move(bytes).value();
}

MemberResult<std::uint64_t> integer_member(const json& object, std::string_view path,
                                           std::string_view key) {
  const json& value = *core::json_member(object, key);
  if (!value.is_number_unsigned()) return problem(MemberFault::wrong_type, path, key);
  return value.get<std::uint64_t>();
}

std::string member_fault_code(MemberFault fault) {
  switch (fault) {
    case MemberFault::unknown_member:
      return "unknown_member";
    case MemberFault::missing_member:
      return "missing_member";
    case MemberFault::bad_encoding:
      return "bad_encoding";
    case MemberFault::wrong_type:
      break;
  }
  return "wrong_type";
}

std::optional<FormatFault> format_fault(const nlohmann::json& doc, std::string_view format) {
  const nlohmann::json* member = doc.is_object() ? core::json_member(doc, "format") : nullptr;
  if (member == nullptr || !member->is_string()) return FormatFault::other;
  const std::string& name = member->get_ref<const std::string&>();
  if (name == format) return std::nullopt;
  const std::string_view family = format.substr(0, format.rfind('/') + 1);
  return !family.empty() && name.starts_with(family) ? FormatFault::newer : FormatFault::other;
}

Bytes signed_message(std::string_view context, std::string_view text) {
  Bytes message = crypto::to_bytes(context);
  message.push_back(0);
  const crypto::ByteView bytes = crypto::as_bytes(text);
  message.insert(message.end(), bytes.begin(), bytes.end());
  return message;
}

bool is_utc_timestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z' || !core::parse_iso_date(text.substr(0, 10))) {
    return false;
  }
  for (std::size_t i : {11, 12, 14, 15, 17, 18}) {
    if (!is_digit(text[i])) return false;
  }
  const auto two_digits = [&](std::size_t at) {
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  return two_digits(11) < 24 && two_digits(14) < 60 && two_digits(17) < 60;
}

bool is_lower_hex_of(std::string_view text, std::size_t bytes) {
  return text.size() == 2 * bytes && std::all_of(text.begin(), text.end(), [](char c) {
           return is_digit(c) || (c >= 'a' && c <= 'f');
         });
}

}  // namespace tokhai::wire
