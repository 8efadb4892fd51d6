// Agency requests: how an agency's tool proves, on each HTTP request to the
// agency API, that it holds the agency's Ed25519 key (DESIGN.md §6). No
// password or token is stored on the server, only the agency's public key
// (config public-keys file), so a copy of the server's data cannot be used to
// act as an agency.
//
// The request carries
//   Authorization: Tokhai-Agency-1 agency="<code>", time="<unix seconds>",
//                  signature="<b64(64)>"
// where the signature is the agency's over
//   "tokhai-agency-request/1" ‖ 0x00 ‖ code ‖ "\n" ‖ time ‖ "\n" ‖ METHOD ‖ "\n"
//   ‖ target ‖ "\n" ‖ hex(SHA-256(body))
// with `target` the request target as sent (path and query, still
// percent-encoded) and the time in decimal. The server accepts a time within
// kAgencyRequestMaxSkewSeconds of its clock and refuses a signature it has
// already seen within that window (a replayed request), so a captured request
// is good once, for minutes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/signing.h"
#include "wire/wire_error.h"

namespace tokhai::wire {

constexpr std::string_view kAgencyAuthScheme = "Tokhai-Agency-1";
constexpr std::int64_t kAgencyRequestMaxSkewSeconds = 300;
constexpr std::size_t kMaxAgencyAuthorizationBytes = 512;

// What the signature covers besides the agency and the time.
struct AgencyRequest {
  std::string_view method;  // "GET", "POST", upper case as sent
  std::string_view target;  // path and query as sent
  std::string_view body;
};

struct AgencyAuthorization {
  std::string agency;  // ^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$
  std::int64_t unix_time = 0;
  crypto::Bytes signature;
  bool operator==(const AgencyAuthorization&) const = default;
};

// True for an agency code: 1–32 of a-z, 0-9 and '-', not starting or ending
// with '-' (the form definitions' agency.code).
bool is_agency_code(std::string_view code);

// The Authorization header value for `request` made by `agency` at
// `unix_time`, signed with `keys`. `agency` must be an agency code.
std::string agency_authorization(std::string_view agency, std::int64_t unix_time,
                                 const crypto::SigningKeyPair& keys, const AgencyRequest& request);

// Reads an Authorization header value. Error: agency_auth.malformed (not this
// scheme, or a parameter missing, repeated, unknown or out of shape; `where`
// names it).
Result<AgencyAuthorization> parse_agency_authorization(std::string_view header);

// Whether `authorization` is the holder of `signing_public_key` asking for
// exactly `request`, at a time within the allowed skew of `now_unix`.
// Errors: agency_auth.stale (time too far from now), agency_auth.bad_signature.
Result<Done> verify_agency_request(const AgencyAuthorization& authorization,
                                   crypto::ByteView signing_public_key,
                                   const AgencyRequest& request, std::int64_t now_unix);

}  // namespace tokhai::wire
