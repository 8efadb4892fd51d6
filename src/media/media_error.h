// The errors of src/media: a stable code ("media.…") and a message for the
// citizen in Vietnamese and English. They reuse core/result.h, which, like the
// core/localized_text.h it includes, is header-only and needs only the
// standard library: tokhai_media links nothing of tokhai_core, and the app shows
// a photo's error the way it shows every other.
//
// Every code src/media answers is made here, so that the list below is the
// whole list.
#pragma once

#include <cstddef>
#include <cstdint>
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

// media.too_large: the file is over `max_input_bytes`.
Error too_large_error(std::size_t max_input_bytes);
// media.not_image: neither a JPEG nor a PNG.
Error not_image_error();
// media.too_many_pixels: over `max_input_pixels`, or more than the phone has
// memory for.
Error too_many_pixels_error(std::uint64_t max_input_pixels);
// media.damaged: a JPEG or PNG whose data does not decode.
Error damaged_error();
// media.cannot_fit: no quality and size tried fits in `max_output_bytes`.
Error cannot_fit_error(std::size_t max_output_bytes);

}  // namespace tokhai::media
