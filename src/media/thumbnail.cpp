// make_thumbnail (thumbnail.h): photo_decoding.h's decode_upright with the
// thumbnail's long edge and the quick area resampling.
#include "media/thumbnail.h"

#include <cassert>
#include <utility>

#include "media/photo_decoding.h"

namespace tokhai::media {

Result<RgbImage> make_thumbnail(std::span<const unsigned char> file, int long_edge_px,
                                const PhotoLimits& limits) {
  assert(long_edge_px > 0 && "make_thumbnail: a long edge above 0");
  auto decoded = decode_upright(file, limits, long_edge_px, Resampling::area);
  if (!decoded.ok()) return decoded.error();
  return std::move(decoded.value().image);
}

}  // namespace tokhai::media
