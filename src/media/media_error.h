// The errors of src/media: a stable code ("media.…") and a message for the
// citizen in Vietnamese and English. They reuse core/result.h, which, like the
// core/localized_text.h it includes, is header-only and needs only the
// standard library: tokhai_media links nothing of tokhai_core, and the app shows
// a photo's error the way it shows every other.
#pragma once

#include <string>
#include <utility>

#include "core/result.h"

namespace tokhai::media {

using core::Error;
using core::LocalizedText;
using core::Result;

inline Error media_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

}  // namespace tokhai::media
