// The errors of src/wire: a stable code ("envelope.…") and a message in
// Vietnamese and English (core/result.h); `where` names the member or the byte
// that failed.
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace tokhai::wire {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

inline Error wire_error(std::string code, std::string vi, std::string en, std::string where = {}) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

}  // namespace tokhai::wire
