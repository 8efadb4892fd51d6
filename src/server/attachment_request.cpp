// The attachment address readers (see attachment_request.h).
#include "server/attachment_request.h"

namespace tokhai::server {
namespace {

// Plain decimal, no sign, no leading zero (except "0" itself), at most `max`.
std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t max) {
  if (text.empty() || (text.size() > 1 && text.front() == '0')) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

std::optional<std::size_t> parse_attachment_index(std::string_view text) {
  const auto value = parse_decimal(text, wire::kMaxAttachments - 1);
  if (!value) return std::nullopt;
  return static_cast<std::size_t>(*value);
}

std::optional<std::uint64_t> parse_chunk_offset(std::string_view text) {
  return parse_decimal(text, wire::kMaxAttachmentBytes);
}

}  // namespace tokhai::server
