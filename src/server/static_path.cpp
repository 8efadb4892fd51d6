// resolve_static_path: percent-decoding and segment checks for static file
// requests (see static_path.h for the contract).
#include "server/static_path.h"

namespace tokhai::server {
namespace {

std::optional<int> hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

// Percent-decodes one segment; nullopt on a malformed escape. '+' stays '+':
// it means a space only in query strings.
std::optional<std::string> percent_decode(std::string_view encoded) {
  std::string decoded;
  decoded.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      decoded.push_back(encoded[i]);
      continue;
    }
    if (i + 2 >= encoded.size()) return std::nullopt;
    const auto high = hex_digit_value(encoded[i + 1]);
    const auto low = hex_digit_value(encoded[i + 2]);
    if (!high || !low) return std::nullopt;
    decoded.push_back(static_cast<char>(*high * 16 + *low));
    i += 2;
  }
  return decoded;
}

bool is_acceptable_segment(std::string_view segment) {
  if (segment.empty() || segment == "." || segment == "..") return false;
  for (const char c : segment) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> resolve_static_path(std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/' || url_path.size() > kMaxStaticPathSizeBytes) {
    return std::nullopt;
  }
  std::string relative;
  std::string_view rest = url_path.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view encoded = rest.substr(0, slash);
    const bool is_last = slash == std::string_view::npos;
    if (is_last && encoded.empty()) {
      relative += "index.html";  // "/" or a trailing slash names a folder's index
      return relative;
    }
    const auto segment = percent_decode(encoded);
    if (!segment || !is_acceptable_segment(*segment)) return std::nullopt;
    relative += *segment;
    if (is_last) return relative;
    relative += '/';
    rest = rest.substr(slash + 1);
  }
}

}  // namespace tokhai::server
