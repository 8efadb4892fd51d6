// The person's profile: what they type once and forms prefill (DESIGN.md §3),
// kept as one JSON record of kind "profile", id "self", in their vault.
//
// JSON: {"format": "tokhai-profile/1", "full_name": "…", "personal_id": "…",
// "date_of_birth": "YYYY-MM-DD", "sex": "…", "phone": "…", "email": "…",
// "commune": "<5-digit code>", "address": "…", …}. The keys are the prefill
// keys of core/form/form_session.h, plus "address"; keys this build does not
// know (string values written by a newer build) are kept in `other` and
// written back, never dropped. Text is stored in NFC.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "storage/storage_error.h"
#include "storage/unlocked_vault.h"

namespace tokhai::storage {

constexpr std::string_view kProfileKind = "profile";
constexpr std::string_view kProfileRecordId = "self";

struct PersonProfile {
  std::string full_name;
  std::string personal_id;    // 12-digit personal identification number (CCCD)
  std::string date_of_birth;  // ISO date
  std::string sex;
  std::string phone;
  std::string email;
  std::string commune;  // administrative unit code after the 2025 reform
  std::string address;  // street, house number, hamlet
  std::map<std::string, std::string, std::less<>> other;
  bool operator==(const PersonProfile&) const = default;
};

std::string profile_to_json(const PersonProfile& profile);
// Error: vault.profile_invalid (not a JSON object of strings, or another format).
Result<PersonProfile> profile_from_json(std::string_view json_text);

Result<Done> save_profile(UnlockedVault& vault, const PersonProfile& profile);
// The saved profile, or nullopt when none was saved yet. Errors: those of
// UnlockedVault::get, vault.profile_invalid.
Result<std::optional<PersonProfile>> load_profile(UnlockedVault& vault);

}  // namespace tokhai::storage
