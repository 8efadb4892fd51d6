// The memory stb takes while src/media decodes, resizes and encodes: every stb
// allocation goes through these functions (stb_config.h), which count the
// bytes held now and the most held since the last reset. Tests and the
// benchmark read the counts to check the peak that document_photo.h promises;
// the counters are process-wide (atomic, but a peak measured while two photos
// are prepared at once covers both).
#pragma once

#include <cstddef>

namespace tokhai::media {

void* codec_malloc(std::size_t size_bytes);
void* codec_realloc(void* pointer, std::size_t size_bytes);
void codec_free(void* pointer);

// Bytes stb holds now.
std::size_t codec_bytes_in_use();
// The most bytes stb held at once since the last reset_codec_peak_bytes().
std::size_t codec_peak_bytes();
// Starts a new peak measurement from what is held now.
void reset_codec_peak_bytes();

}  // namespace tokhai::media
