// The errors of src/crypto: a stable code ("crypto.…") and a message in
// Vietnamese and English (core/result.h).
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace tokhai::crypto {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

inline Error crypto_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

}  // namespace tokhai::crypto
