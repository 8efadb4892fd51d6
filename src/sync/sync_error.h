// The errors of src/sync: a stable code ("sync.…") and a message in
// Vietnamese and English (core/result.h).
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace tokhai::sync {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

inline Error sync_error(std::string code, std::string vi, std::string en, std::string where = {}) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

}  // namespace tokhai::sync
