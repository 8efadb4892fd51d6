// Key files (see key_files.h).
#include "wire/key_files.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/json_text.h"
#include "crypto/encoding.h"
#include "wire/agency_request.h"
#include "wire/json_members.h"

namespace tokhai::wire {
namespace {

using crypto::Bytes;
using nlohmann::json;

constexpr std::string_view kPublicKeysFormat = "tokhai-public-keys/1";
constexpr std::string_view kServerSecretFormat = "tokhai-server-secret/1";
constexpr std::string_view kAgencySecretFormat = "tokhai-agency-secret/1";
constexpr std::size_t kMaxAgencyNameBytes = 256;

Error bad_file(std::string where) {
  return wire_error(
      "keys.bad_file", "Tệp khoá không đúng định dạng; hãy tạo lại bằng công cụ tokhai.",
      "The key file is not in its format; make it again with the tokhai tools.", std::move(where));
}

template <typename T>
Result<T> with_errors(MemberResult<T> read) {
  if (!read) return bad_file(read.error().where);
  return std::move(read).value();
}

Result<json> read_document(std::string_view text, std::string_view format) {
  if (text.size() > kMaxKeyFileBytes ||
      core::json_shape(text, 4, 16 * kMaxAgencies + 16) != core::JsonShape::within_bounds) {
    return bad_file("bytes");
  }
  json doc = core::parse_json_text(text);
  if (doc.is_discarded() || !doc.is_object()) return bad_file("");
  const json* found = core::json_member(doc, "format");
  if (found == nullptr || !found->is_string() || found->get<std::string>() != format) {
    return bad_file("format");
  }
  return doc;
}

Result<Bytes> key_member(const json& object, std::string_view path, std::string_view key,
                         std::size_t size) {
  auto bytes = with_errors(base64_member(object, path, key));
  if (!bytes) return bytes.error();
  if (bytes.value().size() != size) return bad_file(member_path(path, key));
  return std::move(bytes).value();
}

Result<crypto::SecretBytes> seed_member(const json& object, std::string_view key) {
  auto bytes = key_member(object, "", key, 32);
  if (!bytes) return bytes.error();
  crypto::SecretBytes seed = crypto::SecretBytes::copy_of(bytes.value());
  std::fill(bytes.value().begin(), bytes.value().end(), 0);
  return seed;
}

std::string b64(crypto::ByteView bytes) { return crypto::to_base64(bytes); }

// The first half of libsodium's Ed25519 secret key: the seed.
crypto::ByteView signing_seed(const crypto::SigningKeyPair& keys) {
  return keys.secret_key.view().subspan(0, crypto::kSigningSeedBytes);
}

}  // namespace

const AgencyPublicKeys* PublicKeys::agency(std::string_view code) const {
  const auto found = std::find_if(agencies.begin(), agencies.end(),
                                  [&](const AgencyPublicKeys& a) { return a.code == code; });
  return found == agencies.end() ? nullptr : &*found;
}

Result<PublicKeys> parse_public_keys(std::string_view text) {
  auto doc = read_document(text, kPublicKeysFormat);
  if (!doc) return doc.error();
  auto members = with_errors(require_members(doc.value(), "", {"agencies", "format", "server"}));
  if (!members) return members.error();
  PublicKeys keys;
  const json& server = *core::json_member(doc.value(), "server");
  auto server_members = with_errors(require_members(server, "server", {"signing_public_key"}));
  if (!server_members) return server_members.error();
  auto server_key =
      key_member(server, "server", "signing_public_key", crypto::kSigningPublicKeyBytes);
  if (!server_key) return server_key.error();
  keys.server_signing_public_key = std::move(server_key).value();

  const json& agencies = *core::json_member(doc.value(), "agencies");
  if (!agencies.is_array()) return bad_file("agencies");
  if (agencies.size() > kMaxAgencies) return bad_file("agencies");
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    const std::string where = "agencies[" + std::to_string(i) + "]";
    const json& item = agencies[i];
    auto item_members = with_errors(
        require_members(item, where, {"box_public_key", "code", "name", "signing_public_key"}));
    if (!item_members) return item_members.error();
    AgencyPublicKeys agency;
    auto code = with_errors(text_member(item, where, "code"));
    if (!code) return code.error();
    if (!is_agency_code(code.value()) || keys.agency(code.value()) != nullptr) {
      return bad_file(where + ".code");
    }
    agency.code = std::move(code).value();
    auto name = with_errors(text_member(item, where, "name"));
    if (!name) return name.error();
    if (name.value().size() > kMaxAgencyNameBytes) return bad_file(where + ".name");
    agency.name = std::move(name).value();
    auto box = key_member(item, where, "box_public_key", crypto::kBoxPublicKeyBytes);
    if (!box) return box.error();
    agency.box_public_key = std::move(box).value();
    auto signing = key_member(item, where, "signing_public_key", crypto::kSigningPublicKeyBytes);
    if (!signing) return signing.error();
    agency.signing_public_key = std::move(signing).value();
    keys.agencies.push_back(std::move(agency));
  }
  return keys;
}

Result<crypto::SigningKeyPair> parse_server_secret(std::string_view text) {
  auto doc = read_document(text, kServerSecretFormat);
  if (!doc) return doc.error();
  auto members = with_errors(require_members(doc.value(), "", {"format", "signing_seed"}));
  if (!members) return members.error();
  auto seed = seed_member(doc.value(), "signing_seed");
  if (!seed) return seed.error();
  auto keys = crypto::signing_key_pair_from_seed(seed.value());
  if (!keys) return bad_file("signing_seed");
  return std::move(keys).value();
}

Result<AgencySecret> parse_agency_secret(std::string_view text) {
  auto doc = read_document(text, kAgencySecretFormat);
  if (!doc) return doc.error();
  auto members =
      with_errors(require_members(doc.value(), "", {"box_seed", "code", "format", "signing_seed"}));
  if (!members) return members.error();
  auto code = with_errors(text_member(doc.value(), "", "code"));
  if (!code) return code.error();
  if (!is_agency_code(code.value())) return bad_file("code");
  auto signing_seed_bytes = seed_member(doc.value(), "signing_seed");
  if (!signing_seed_bytes) return signing_seed_bytes.error();
  auto box_seed = seed_member(doc.value(), "box_seed");
  if (!box_seed) return box_seed.error();
  auto signing = crypto::signing_key_pair_from_seed(signing_seed_bytes.value());
  auto box = crypto::box_key_pair_from_seed(box_seed.value());
  if (!signing || !box) return bad_file("");
  return AgencySecret{std::move(code).value(), std::move(signing).value(),
                      std::move(box_seed).value(), std::move(box).value()};
}

std::string public_keys_text(const PublicKeys& keys) {
  json agencies = json::array();
  for (const AgencyPublicKeys& agency : keys.agencies) {
    agencies.push_back({{"code", agency.code},
                        {"name", agency.name},
                        {"box_public_key", b64(agency.box_public_key)},
                        {"signing_public_key", b64(agency.signing_public_key)}});
  }
  const json doc = {{"format", kPublicKeysFormat},
                    {"server", {{"signing_public_key", b64(keys.server_signing_public_key)}}},
                    {"agencies", std::move(agencies)}};
  return doc.dump(2) + "\n";
}

std::string server_secret_text(const crypto::SigningKeyPair& keys) {
  const json doc = {{"format", kServerSecretFormat}, {"signing_seed", b64(signing_seed(keys))}};
  return doc.dump(2) + "\n";
}

std::string agency_secret_text(const AgencySecret& secret) {
  const json doc = {{"format", kAgencySecretFormat},
                    {"code", secret.code},
                    {"signing_seed", b64(signing_seed(secret.signing))},
                    {"box_seed", b64(secret.box_seed.view())}};
  return doc.dump(2) + "\n";
}

AgencyPublicKeys agency_public_keys(const AgencySecret& secret, std::string name) {
  return AgencyPublicKeys{secret.code, std::move(name), secret.box.public_key,
                          secret.signing.public_key};
}

AgencySecret generate_agency_secret(std::string code) {
  crypto::SecretBytes box_seed = crypto::SecretBytes::random(crypto::kBoxSeedBytes);
  crypto::BoxKeyPair box = crypto::box_key_pair_from_seed(box_seed).value();
  return AgencySecret{std::move(code), crypto::generate_signing_key_pair(), std::move(box_seed),
                      std::move(box)};
}

}  // namespace tokhai::wire
