// tokhai-attachment/1: sealing and opening attachments in chunks (see
// sealed_attachment.h).
#include "wire/sealed_attachment.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <utility>
#include <vector>

#include "crypto/encoding.h"
#include "wire/envelope.h"

namespace tokhai::wire {
namespace {

constexpr std::size_t kFormatBytes = kAttachmentFormat.size() + 1;
constexpr std::size_t kStreamKeyBytes = crypto::kSecretStreamKeyBytes;
constexpr std::string_view kKeyBoxContext = "tokhai-attachment/1 key";
constexpr std::string_view kChunkContext = "tokhai-attachment/1 chunk";
constexpr std::size_t kIdAndIndexBytes = kSubmissionIdBytes + 4;
constexpr std::size_t kKeyBoxPlainBytes = kKeyBoxContext.size() + 1 + kIdAndIndexBytes + 32;
constexpr std::size_t kKeyBoxBytes = kKeyBoxPlainBytes + crypto::kSealedBoxOverheadBytes;
static_assert(kSealedAttachmentHeaderBytes ==
              kFormatBytes + kKeyBoxBytes + crypto::kSecretStreamHeaderBytes);

void append(crypto::Bytes& to, crypto::ByteView bytes) {
  to.insert(to.end(), bytes.begin(), bytes.end());
}

// context ‖ 0x00
crypto::Bytes with_context(std::string_view context) {
  crypto::Bytes bytes = crypto::to_bytes(context);
  bytes.push_back(0);
  return bytes;
}

Result<crypto::Bytes> id_and_index_bytes(std::string_view submission_id, std::uint32_t index) {
  auto id = crypto::from_hex(submission_id);
  if (!id || id.value().size() != kSubmissionIdBytes ||
      crypto::to_hex(id.value()) != submission_id) {
    return wire_error("sealed_attachment.bad_value", "Mã hồ sơ gửi không hợp lệ.",
                      "The submission id is not valid.", "submission_id");
  }
  crypto::Bytes bytes = std::move(id.value());
  for (int shift = 24; shift >= 0; shift -= 8) {
    bytes.push_back(static_cast<unsigned char>(index >> shift));
  }
  return bytes;
}

crypto::Bytes chunk_associated_data(crypto::ByteView id_and_index) {
  crypto::Bytes data = with_context(kChunkContext);
  append(data, id_and_index);
  return data;
}

Error damaged() {
  return wire_error("sealed_attachment.damaged", "Tệp đính kèm bị hỏng hoặc đã bị thay đổi.",
                    "The attachment is damaged or was altered.");
}

Error truncated() {
  return wire_error("sealed_attachment.truncated", "Tệp đính kèm bị cắt cụt, không đầy đủ.",
                    "The attachment is truncated: it is not complete.");
}

Error not_this_format() {
  return wire_error("sealed_attachment.format",
                    "Đây không phải tệp đính kèm niêm phong của Tờ khai.",
                    "This is not a sealed Tokhai attachment.");
}

}  // namespace

std::uint64_t sealed_attachment_size(std::uint64_t plaintext_bytes) {
  const std::uint64_t chunks = std::max<std::uint64_t>(
      1, (plaintext_bytes + kAttachmentChunkBytes - 1) / kAttachmentChunkBytes);
  return kSealedAttachmentHeaderBytes + plaintext_bytes +
         chunks * crypto::kSecretStreamChunkOverheadBytes;
}

Result<AttachmentSealer> AttachmentSealer::start(crypto::ByteView agency_public_key,
                                                 std::string_view submission_id,
                                                 std::uint32_t index) {
  auto id_and_index = id_and_index_bytes(submission_id, index);
  if (!id_and_index) return id_and_index.error();
  crypto::SecretBytes key = crypto::SecretBytes::random(kStreamKeyBytes);
  crypto::SecretBytes key_box_plain(kKeyBoxPlainBytes);
  {
    crypto::Bytes prefix = with_context(kKeyBoxContext);
    append(prefix, id_and_index.value());
    std::memcpy(key_box_plain.data(), prefix.data(), prefix.size());
    std::memcpy(key_box_plain.data() + prefix.size(), key.data(), key.size());
  }
  auto key_box = crypto::seal_to(agency_public_key, key_box_plain.view());
  if (!key_box) {
    return wire_error("sealed_attachment.bad_key", "Khoá công khai của cơ quan nhận không hợp lệ.",
                      "The receiving agency's public key is not valid.");
  }
  crypto::SecretStreamWriter stream(key);
  crypto::Bytes header = with_context(kAttachmentFormat);
  append(header, key_box.value());
  append(header, stream.header());
  assert(header.size() == kSealedAttachmentHeaderBytes);
  AttachmentSealer sealer(std::move(header), chunk_associated_data(id_and_index.value()),
                          std::move(stream));
  sealer.buffer_ = crypto::SecretBytes(kAttachmentChunkBytes);
  return sealer;
}

crypto::Bytes AttachmentSealer::emit(crypto::Bytes sealed) {
  if (!pending_header_.empty()) {
    sealed.insert(sealed.begin(), pending_header_.begin(), pending_header_.end());
    pending_header_.clear();
  }
  hash_.update(sealed);
  summary_.size_bytes += sealed.size();
  return sealed;
}

crypto::Bytes AttachmentSealer::write(crypto::ByteView plaintext) {
  assert(!finished_ && "AttachmentSealer: write after finish");
  crypto::Bytes out;
  while (!plaintext.empty()) {
    if (buffered_ == kAttachmentChunkBytes) {
      // More photo follows, so the full chunk is not the last one.
      append(out, stream_.write(buffer_.view(), associated_data_, false));
      buffered_ = 0;
    }
    const std::size_t take = std::min(plaintext.size(), kAttachmentChunkBytes - buffered_);
    std::memcpy(buffer_.data() + buffered_, plaintext.data(), take);
    buffered_ += take;
    plaintext = plaintext.subspan(take);
  }
  if (out.empty() && pending_header_.empty()) return out;
  return emit(std::move(out));
}

crypto::Bytes AttachmentSealer::finish() {
  assert(!finished_ && "AttachmentSealer: finished twice");
  finished_ = true;
  crypto::Bytes out = emit(stream_.write(buffer_.view().first(buffered_), associated_data_, true));
  buffer_.wipe();
  summary_.sha256 = hash_.finish();
  return out;
}

AttachmentOpener::AttachmentOpener(const crypto::BoxKeyPair& agency, crypto::Bytes id_and_index)
    : agency_(&agency),
      id_and_index_(std::move(id_and_index)),
      associated_data_(chunk_associated_data(id_and_index_)) {}

Result<AttachmentOpener> AttachmentOpener::start(const crypto::BoxKeyPair& agency,
                                                 std::string_view submission_id,
                                                 std::uint32_t index) {
  auto id_and_index = id_and_index_bytes(submission_id, index);
  if (!id_and_index) return id_and_index.error();
  return AttachmentOpener(agency, std::move(id_and_index.value()));
}

Result<crypto::SecretBytes> AttachmentOpener::fail(Error error) {
  failed_ = error;
  buffer_.clear();
  stream_.reset();
  return error;
}

// Opens what buffer_ holds: the header, or one sealed chunk (the last one
// when `at_end`). Returns the chunk's plaintext (empty for the header).
Result<crypto::SecretBytes> AttachmentOpener::open_buffered(bool at_end) {
  if (!stream_) {
    if (buffer_.size() < kSealedAttachmentHeaderBytes) {
      const crypto::Bytes format = with_context(kAttachmentFormat);
      const std::size_t compared = std::min(buffer_.size(), format.size());
      if (!std::equal(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(compared),
                      format.begin())) {
        return fail(not_this_format());
      }
      return fail(truncated());
    }
    const crypto::Bytes format = with_context(kAttachmentFormat);
    if (!std::equal(format.begin(), format.end(), buffer_.begin())) return fail(not_this_format());
    const crypto::ByteView key_box = crypto::ByteView(buffer_).subspan(kFormatBytes, kKeyBoxBytes);
    auto key_box_plain = crypto::open_sealed(*agency_, key_box);
    if (!key_box_plain || key_box_plain.value().size() != kKeyBoxPlainBytes) {
      return fail(wire_error("sealed_attachment.wrong_key",
                             "Tệp đính kèm không được niêm phong cho khoá của cơ quan này.",
                             "The attachment was not sealed to this agency's key."));
    }
    crypto::Bytes expected = with_context(kKeyBoxContext);
    append(expected, id_and_index_);
    if (!std::equal(expected.begin(), expected.end(), key_box_plain.value().view().begin())) {
      return fail(wire_error("sealed_attachment.wrong_filing",
                             "Tệp đính kèm này thuộc về một hồ sơ khác.",
                             "This attachment belongs to another filing."));
    }
    const crypto::SecretBytes key =
        crypto::SecretBytes::copy_of(key_box_plain.value().view().subspan(expected.size()));
    auto stream = crypto::SecretStreamReader::start(
        key, crypto::ByteView(buffer_).subspan(kFormatBytes + kKeyBoxBytes));
    if (!stream) return fail(damaged());
    stream_.emplace(std::move(stream.value()));
    buffer_.clear();
    return crypto::SecretBytes();
  }
  if (stream_->finished()) return fail(damaged());  // bytes after the last chunk
  auto chunk = stream_->read(buffer_, associated_data_);
  buffer_.clear();
  if (!chunk) return fail(damaged());
  if (!chunk.value().final && at_end) return fail(truncated());
  // Only the last chunk may be short: a short chunk that is not FINAL is not ours.
  if (!chunk.value().final && chunk.value().plaintext.size() != kAttachmentChunkBytes)
    return fail(damaged());
  return std::move(chunk.value().plaintext);
}

Result<crypto::SecretBytes> AttachmentOpener::read(crypto::ByteView sealed) {
  if (failed_) return *failed_;
  total_bytes_ += sealed.size();
  if (total_bytes_ > kMaxAttachmentBytes) {
    return fail(wire_error("sealed_attachment.too_large", "Tệp đính kèm lớn hơn 32 MiB.",
                           "The attachment is larger than 32 MiB."));
  }
  std::vector<crypto::SecretBytes> opened;
  std::size_t opened_bytes = 0;
  while (!sealed.empty()) {
    if (stream_ && stream_->finished()) return fail(damaged());
    const std::size_t wanted = stream_ ? kSealedAttachmentChunkBytes : kSealedAttachmentHeaderBytes;
    const std::size_t take = std::min(sealed.size(), wanted - buffer_.size());
    append(buffer_, sealed.first(take));
    sealed = sealed.subspan(take);
    if (buffer_.size() < wanted) break;
    auto plaintext = open_buffered(false);
    if (!plaintext) return plaintext.error();
    opened_bytes += plaintext.value().size();
    opened.push_back(std::move(plaintext.value()));
  }
  crypto::SecretBytes joined(opened_bytes);
  std::size_t at = 0;
  for (const crypto::SecretBytes& piece : opened) {
    if (piece.empty()) continue;
    std::memcpy(joined.data() + at, piece.data(), piece.size());
    at += piece.size();
  }
  return joined;
}

Result<crypto::SecretBytes> AttachmentOpener::finish() {
  if (failed_) return *failed_;
  if (stream_ && stream_->finished() && buffer_.empty()) return crypto::SecretBytes();
  if (stream_ && buffer_.empty()) return fail(truncated());
  return open_buffered(true);
}

Result<SealedAttachment> seal_attachment(crypto::ByteView agency_public_key,
                                         std::string_view submission_id, std::uint32_t index,
                                         crypto::ByteView plaintext) {
  auto sealer = AttachmentSealer::start(agency_public_key, submission_id, index);
  if (!sealer) return sealer.error();
  SealedAttachment sealed;
  sealed.bytes = sealer.value().write(plaintext);
  append(sealed.bytes, sealer.value().finish());
  sealed.summary = sealer.value().summary();
  return sealed;
}

Result<crypto::SecretBytes> open_attachment(const crypto::BoxKeyPair& agency,
                                            std::string_view submission_id, std::uint32_t index,
                                            crypto::ByteView sealed) {
  auto opener = AttachmentOpener::start(agency, submission_id, index);
  if (!opener) return opener.error();
  auto body = opener.value().read(sealed);
  if (!body) return body.error();
  auto tail = opener.value().finish();
  if (!tail) return tail.error();
  crypto::SecretBytes joined(body.value().size() + tail.value().size());
  if (!body.value().empty()) std::memcpy(joined.data(), body.value().data(), body.value().size());
  if (!tail.value().empty())
    std::memcpy(joined.data() + body.value().size(), tail.value().data(), tail.value().size());
  return joined;
}

}  // namespace tokhai::wire
