// Agency requests: a signed request verifies for exactly that agency, method,
// target, body and time window; anything else is refused with its code; the
// header reads back what was written and refuses other shapes.
#include "wire/agency_request.h"

#include <catch2/catch.hpp>
#include <string>

#include "crypto/signing.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::Bytes;
using crypto::SecretBytes;

namespace {

crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(SecretBytes::copy_of(Bytes(32, fill))).value();
}

constexpr std::int64_t kNow = 1764750000;  // 2025-12-03T08:20:00Z

std::string verdict(const std::string& header, const crypto::SigningKeyPair& keys,
                    const AgencyRequest& request, std::int64_t now = kNow) {
  auto parsed = parse_agency_authorization(header);
  if (!parsed) return parsed.error().code;
  auto verified = verify_agency_request(parsed.value(), keys.public_key, request, now);
  return verified ? "ok" : verified.error().code;
}

}  // namespace

TEST_CASE("a signed agency request verifies for exactly what was signed") {
  const auto agency = signing_keys(0x21);
  const AgencyRequest request{"POST", "/api/v1/agency/status/TK-251203-7F3K-9QZC",
                              R"({"status":"received"})"};
  const std::string header = agency_authorization("ubnd-xa", kNow, agency, request);
  CHECK(header.starts_with(R"(Tokhai-Agency-1 agency="ubnd-xa", time="1764750000", signature=")"));
  auto parsed = parse_agency_authorization(header);
  REQUIRE(parsed);
  CHECK(parsed.value().agency == "ubnd-xa");
  CHECK(parsed.value().unix_time == kNow);
  CHECK(verdict(header, agency, request) == "ok");

  CHECK(verdict(header, signing_keys(0x22), request) == "agency_auth.bad_signature");
  CHECK(verdict(header, agency, {"GET", request.target, request.body}) ==
        "agency_auth.bad_signature");
  CHECK(verdict(header, agency,
                {request.method, "/api/v1/agency/status/TK-251203-7F3K-9QZD", request.body}) ==
        "agency_auth.bad_signature");
  CHECK(verdict(header, agency, {request.method, request.target, R"({"status":"rejected"})"}) ==
        "agency_auth.bad_signature");
  // Another agency's name on the same signature.
  std::string renamed = header;
  renamed.replace(renamed.find("ubnd-xa"), 7, "bhxh");
  CHECK(verdict(renamed, agency, request) == "agency_auth.bad_signature");
  // Another time on the same signature, and a time outside the window.
  std::string retimed = header;
  retimed.replace(retimed.find("1764750000"), 10, "1764750001");
  CHECK(verdict(retimed, agency, request) == "agency_auth.bad_signature");
  CHECK(verdict(header, agency, request, kNow + 300) == "ok");
  CHECK(verdict(header, agency, request, kNow - 300) == "ok");
  CHECK(verdict(header, agency, request, kNow + 301) == "agency_auth.stale");
  CHECK(verdict(header, agency, request, kNow - 301) == "agency_auth.stale");
}

TEST_CASE("authorization headers of other shapes are refused as malformed") {
  const auto agency = signing_keys(0x21);
  const std::string good = agency_authorization("bhxh", kNow, agency, {"GET", "/x", ""});
  const std::string signature = good.substr(good.find("signature="));
  const auto where = [](std::string_view header) {
    auto parsed = parse_agency_authorization(header);
    return parsed ? std::string("ok") : parsed.error().code + " " + parsed.error().where;
  };
  CHECK(where(good) == "ok");
  CHECK(where("Bearer abc") == "agency_auth.malformed scheme");
  CHECK(where("Tokhai-Agency-1") == "agency_auth.malformed scheme");
  CHECK(where(R"(Tokhai-Agency-1 time="1", )" + signature) == "agency_auth.malformed agency");
  CHECK(where(R"(Tokhai-Agency-1 agency="Bhxh", time="1", )" + signature) ==
        "agency_auth.malformed agency");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", time="01", )" + signature) ==
        "agency_auth.malformed time");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", time="-1", )" + signature) ==
        "agency_auth.malformed time");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", agency="bhxh", time="1", )" + signature) ==
        "agency_auth.malformed agency");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", time="1", signature="AAAA")") ==
        "agency_auth.malformed signature");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", time="1")") == "agency_auth.malformed signature");
  CHECK(where(R"(Tokhai-Agency-1 agency="bhxh", time="1", nonce="2", )" + signature) ==
        "agency_auth.malformed nonce");
  CHECK(where(R"(Tokhai-Agency-1 agency=bhxh, time="1", )" + signature) ==
        "agency_auth.malformed agency");
  CHECK(where(std::string(600, 'x')) == "agency_auth.malformed Authorization");
  CHECK(is_agency_code("lltp-cap-tinh"));
  CHECK_FALSE(is_agency_code("-bhxh"));
  CHECK_FALSE(is_agency_code(std::string(33, 'a')));
}
