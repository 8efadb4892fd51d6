// The errors of src/storage: a stable code ("storage.…", "vault.…") and a
// message in Vietnamese and English (core/result.h).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace tokhai::storage {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

inline Error storage_error(std::string code, std::string vi, std::string en,
                           std::string where = {}) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

// A vault id that is not in this database file (any more).
inline Error vault_not_found(std::string_view vault_id) {
  return storage_error("vault.not_found", "Không tìm thấy kho dữ liệu này trên máy.",
                       "This vault is not on this device.", std::string(vault_id));
}

}  // namespace tokhai::storage
