// The profile record as JSON (see profile.h). nlohmann/json is used without
// exceptions: parse with allow_exceptions=false, dump with invalid UTF-8
// replaced (to_nfc already made it valid).
#include "storage/profile.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/text/unicode.h"
#include "crypto/bytes.h"

namespace tokhai::storage {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "tokhai-profile/1";

// The known fields, by JSON key.
constexpr std::array<std::pair<std::string_view, std::string PersonProfile::*>, 8> kKnownFields = {{
    {"full_name", &PersonProfile::full_name},
    {"personal_id", &PersonProfile::personal_id},
    {"date_of_birth", &PersonProfile::date_of_birth},
    {"sex", &PersonProfile::sex},
    {"phone", &PersonProfile::phone},
    {"email", &PersonProfile::email},
    {"commune", &PersonProfile::commune},
    {"address", &PersonProfile::address},
}};

Error profile_invalid(std::string detail) {
  return storage_error("vault.profile_invalid",
                       "Hồ sơ cá nhân đã lưu không đọc được (" + detail + ").",
                       "The saved profile cannot be read (" + detail + ").", "profile/self");
}

}  // namespace

std::string profile_to_json(const PersonProfile& profile) {
  json doc = json::object();
  for (const auto& [key, value] : profile.other) doc[key] = core::to_nfc(value);
  for (const auto& [key, member] : kKnownFields) {
    doc[std::string(key)] = core::to_nfc(profile.*member);
  }
  doc["format"] = kFormat;
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<PersonProfile> profile_from_json(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return profile_invalid("not a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get<std::string>() != kFormat) {
    return profile_invalid("format is not tokhai-profile/1");
  }
  PersonProfile profile;
  for (auto item = doc.begin(); item != doc.end(); ++item) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (key == "format") continue;
    if (!value.is_string()) return profile_invalid(key + " is not text");
    const auto known = std::find_if(kKnownFields.begin(), kKnownFields.end(),
                                    [&key](const auto& field) { return field.first == key; });
    if (known != kKnownFields.end()) {
      profile.*(known->second) = value.get<std::string>();
    } else {
      profile.other[key] = value.get<std::string>();
    }
  }
  return profile;
}

Result<Done> save_profile(UnlockedVault& vault, const PersonProfile& profile) {
  const std::string text = profile_to_json(profile);
  auto written = vault.put({std::string(kProfileKind), std::string(kProfileRecordId), {}, {}},
                           crypto::as_bytes(text));
  if (!written) return written.error();
  return Done{};
}

Result<std::optional<PersonProfile>> load_profile(UnlockedVault& vault) {
  auto record = vault.get(kProfileKind, kProfileRecordId);
  if (!record) {
    if (record.error().code == "vault.record_not_found") return std::optional<PersonProfile>();
    return record.error();
  }
  auto profile = profile_from_json(record.value().content.as_text());
  if (!profile) return profile.error();
  return std::optional<PersonProfile>(std::move(profile).value());
}

}  // namespace tokhai::storage
