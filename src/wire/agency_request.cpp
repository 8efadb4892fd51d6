// Agency request signatures (see agency_request.h).
#include "wire/agency_request.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "wire/json_members.h"

namespace tokhai::wire {
namespace {

constexpr std::string_view kContext = "tokhai-agency-request/1";
constexpr std::size_t kMaxAgencyCodeBytes = 32;

Error malformed(std::string where) {
  return wire_error("agency_auth.malformed",
                    "Yêu cầu của cơ quan thiếu chữ ký hợp lệ (tiêu đề Authorization sai dạng).",
                    "The agency's request lacks a valid signature (malformed Authorization "
                    "header).",
                    std::move(where));
}

std::string message_text(std::string_view agency, std::int64_t unix_time,
                         const AgencyRequest& request) {
  const crypto::Sha256Digest body_hash = crypto::sha256(crypto::as_bytes(request.body));
  std::string text;
  text.append(agency).append("\n");
  text.append(std::to_string(unix_time)).append("\n");
  text.append(request.method).append("\n");
  text.append(request.target).append("\n");
  text.append(crypto::to_hex(crypto::ByteView(body_hash.data(), body_hash.size())));
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> parse_unix_time(std::string_view text) {
  // Decimal, no sign or leading zero, at most 12 digits (until year 33658).
  if (text.empty() || text.size() > 12 || (text.size() > 1 && text.front() == '0') ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool is_agency_code(std::string_view code) {
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return !code.empty() && code.size() <= kMaxAgencyCodeBytes && allowed(code.front()) &&
         allowed(code.back()) &&
         std::all_of(code.begin(), code.end(), [&](char c) { return allowed(c) || c == '-'; });
}

std::string agency_authorization(std::string_view agency, std::int64_t unix_time,
                                 const crypto::SigningKeyPair& keys, const AgencyRequest& request) {
  const crypto::Bytes signature = crypto::sign_detached(
      keys.secret_key, signed_message(kContext, message_text(agency, unix_time, request)));
  std::string header(kAgencyAuthScheme);
  header.append(" agency=\"").append(agency).append("\", time=\"");
  header.append(std::to_string(unix_time)).append("\", signature=\"");
  header.append(crypto::to_base64(signature)).append("\"");
  return header;
}

Result<AgencyAuthorization> parse_agency_authorization(std::string_view header) {
  if (header.size() > kMaxAgencyAuthorizationBytes) return malformed("Authorization");
  if (!header.starts_with(kAgencyAuthScheme) || header.size() == kAgencyAuthScheme.size() ||
      header[kAgencyAuthScheme.size()] != ' ') {
    return malformed("scheme");
  }
  std::optional<std::string> agency;
  std::optional<std::int64_t> unix_time;
  std::optional<crypto::Bytes> signature;
  std::string_view rest = header.substr(kAgencyAuthScheme.size() + 1);
  while (!trim(rest).empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) return malformed(std::string(item.substr(0, 32)));
    const std::string_view name = item.substr(0, equals);
    std::string_view value = item.substr(equals + 1);
    if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
      return malformed(std::string(name));
    }
    value = value.substr(1, value.size() - 2);
    if (name == "agency") {
      if (agency || !is_agency_code(value)) return malformed("agency");
      agency = std::string(value);
    } else if (name == "time") {
      if (unix_time) return malformed("time");
      unix_time = parse_unix_time(value);
      if (!unix_time) return malformed("time");
    } else if (name == "signature") {
      if (signature) return malformed("signature");
      auto bytes = crypto::from_base64(value);
      if (!bytes || bytes.value().size() != crypto::kSignatureBytes ||
          crypto::to_base64(bytes.value()) != value) {
        return malformed("signature");
      }
      signature = std::move(bytes).value();
    } else {
      return malformed(std::string(name.substr(0, 32)));
    }
  }
  if (!agency) return malformed("agency");
  if (!unix_time) return malformed("time");
  if (!signature) return malformed("signature");
  return AgencyAuthorization{std::move(*agency), *unix_time, std::move(*signature)};
}

Result<Done> verify_agency_request(const AgencyAuthorization& authorization,
                                   crypto::ByteView signing_public_key,
                                   const AgencyRequest& request, std::int64_t now_unix) {
  const std::int64_t skew = authorization.unix_time - now_unix;
  if (skew > kAgencyRequestMaxSkewSeconds || skew < -kAgencyRequestMaxSkewSeconds) {
    return wire_error("agency_auth.stale",
                      "Thời gian trong yêu cầu của cơ quan lệch quá 5 phút so với máy chủ: hãy "
                      "chỉnh đồng hồ máy tính rồi thử lại.",
                      "The agency request's time is more than 5 minutes from the server's "
                      "clock: set the computer's clock and try again.",
                      "time");
  }
  const std::string text = message_text(authorization.agency, authorization.unix_time, request);
  if (!crypto::verify_detached(signing_public_key, signed_message(kContext, text),
                               authorization.signature)) {
    return wire_error("agency_auth.bad_signature",
                      "Chữ ký của cơ quan không đúng với yêu cầu này hoặc với khoá đã đăng ký.",
                      "The agency's signature does not match this request or its registered "
                      "key.",
                      "signature");
  }
  return Done{};
}

}  // namespace tokhai::wire
