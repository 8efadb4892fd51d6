// AttachmentRequest: the parts of an attachment upload's address that the
// server reads itself, and the limits that go with them:
//   PUT /api/v1/submissions/{id}/attachments/{index}?offset=N   (a chunk)
//   GET /api/v1/submissions/{id}/attachments/{index}            (progress)
// `index` is the attachment's position in the envelope's list, `offset` the
// byte of the attachment at which the chunk starts. Both are plain decimal
// without sign or leading zeros, so that each value has one spelling (what a
// log or a cache key shows is what the server read).
//
// Why a query parameter and not Content-Range: RFC 9110 (§14.4) lets a
// server reject a PUT with Content-Range, proxies and HTTP libraries treat
// it as a response header and may drop or refuse it, and its "bytes a-b/len"
// repeats what Content-Length and the signed envelope already say. The
// offset alone is what the server must compare with its confirmed offset.
// No HTTP here: tests/fuzz/fuzz_attachment_request fuzzes these readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "wire/envelope.h"

namespace tokhai::server {

// The largest chunk body: half of what the nginx front lets through (1 MiB),
// small enough to resend over a weak link, large enough that a 5 MB photo
// takes ten requests.
inline constexpr std::size_t kMaxAttachmentChunkBytes = std::size_t{512} << 10;

// The most attachment bytes one submission may announce in its envelope
// (each attachment is at most wire::kMaxAttachmentBytes, 32 MiB).
inline constexpr std::uint64_t kMaxSubmissionAttachmentBytes = std::uint64_t{128} << 20;

// The index in the path: "0" … "99" (below wire::kMaxAttachments), or nullopt.
std::optional<std::size_t> parse_attachment_index(std::string_view text);

// The offset parameter: 0 … wire::kMaxAttachmentBytes, or nullopt.
std::optional<std::uint64_t> parse_chunk_offset(std::string_view text);

}  // namespace tokhai::server
