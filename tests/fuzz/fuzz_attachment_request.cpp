// fuzz_attachment_request: the libFuzzer target of what the server reads
// from an attachment upload's address (server/attachment_request.h): the
// index in the path and the offset parameter, and the route label that
// metrics give such a path (server/route_label.h).
//
// An input is an index text, optionally `\0` and an offset text. Whatever
// they hold, reading them must not crash or trip a sanitizer, and every
// accepted value must be in range and have exactly the spelling it was read
// from (one spelling per value); the neighbours of an accepted value must be
// accepted too while in range. A path with that index segment must be
// labelled as the attachment route exactly when the segment holds no '/'.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/attachment_request.h"
#include "server/route_label.h"

using namespace tokhai::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view index_text = input.substr(0, nul);
  const std::string_view offset_text =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);

  if (const auto index = parse_attachment_index(index_text)) {
    if (*index >= tokhai::wire::kMaxAttachments) std::abort();
    if (std::to_string(*index) != index_text) std::abort();
    if (*index > 0 && !parse_attachment_index(std::to_string(*index - 1))) std::abort();
  }
  if (const auto offset = parse_chunk_offset(offset_text)) {
    if (*offset > tokhai::wire::kMaxAttachmentBytes) std::abort();
    if (std::to_string(*offset) != offset_text) std::abort();
    if (*offset > 0 && !parse_chunk_offset(std::to_string(*offset - 1))) std::abort();
  }

  const std::string_view segment = index_text.substr(0, index_text.find('?'));
  if (!segment.empty()) {
    const std::string path = "/api/v1/submissions/0123456789abcdef0123456789abcdef/attachments/" +
                             std::string(index_text);
    const bool labelled = route_label(path) == "/api/v1/submissions/{id}/attachments/{index}";
    if (labelled != (segment.find('/') == std::string_view::npos)) std::abort();
  }
  return 0;
}
