// The citizen's messages of media_error.h, with the limit that was passed in
// each (sizes in MB/KB, pixels in millions), in Vietnamese and English.
#include "media/media_error.h"

namespace tokhai::media {
namespace {

// "25 MB", "300 KB", "512 byte".
std::string size_text(std::size_t size_bytes) {
  if (size_bytes >= 1024 * 1024) return std::to_string(size_bytes / (1024 * 1024)) + " MB";
  if (size_bytes >= 1024) return std::to_string(size_bytes / 1024) + " KB";
  return std::to_string(size_bytes) + " byte";
}

}  // namespace

Error too_large_error(std::size_t max_input_bytes) {
  const std::string limit = size_text(max_input_bytes);
  return media_error(
      "media.too_large", "Ảnh quá lớn (hơn " + limit + "). Hãy chọn ảnh khác hoặc chụp lại.",
      "The photo is too large (over " + limit + "). Choose another photo or take it again.");
}

Error not_image_error() {
  return media_error("media.not_image",
                     "Tệp này không phải ảnh JPEG hoặc PNG. Hãy chọn ảnh chụp giấy tờ.",
                     "This file is not a JPEG or PNG picture. Choose a photo of the paper.");
}

Error too_many_pixels_error(std::uint64_t max_input_pixels) {
  const bool millions = max_input_pixels >= 1'000'000;
  const std::string count =
      std::to_string(millions ? max_input_pixels / 1'000'000 : max_input_pixels);
  return media_error("media.too_many_pixels",
                     "Ảnh có quá nhiều điểm ảnh (hơn " + count + (millions ? " triệu" : "") +
                         ") để xử lý trên điện thoại này. Hãy chụp lại với độ phân giải thấp hơn.",
                     "The photo has too many pixels (over " + count + (millions ? " million" : "") +
                         ") to process on this phone. Take it again at a lower resolution.");
}

Error damaged_error() {
  return media_error("media.damaged",
                     "Ảnh bị hỏng, không đọc được. Hãy chụp lại hoặc chọn ảnh khác.",
                     "The photo is damaged and cannot be read. Take it again or choose another.");
}

Error cannot_fit_error(std::size_t max_output_bytes) {
  const std::string limit = size_text(max_output_bytes);
  return media_error("media.cannot_fit",
                     "Không thu nhỏ được ảnh xuống " + limit +
                         " mà vẫn đọc rõ chữ. Hãy chụp riêng từng trang, đủ sáng, giữ máy yên.",
                     "The photo cannot be made " + limit +
                         " or smaller and keep its text readable. Take each page on its own, in "
                         "good light, holding the phone still.");
}

}  // namespace tokhai::media
