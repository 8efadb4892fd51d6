#include "wire/filing_payload.h"

#include <zlib.h>

#include <array>
#include <string>

#include "core/json_text.h"
#include "wire/envelope.h"

namespace tokhai::wire {
namespace {

Error too_large() {
  return wire_error(
      "filing_payload.too_large",
      "Nội dung hồ sơ quá lớn (tối đa " + std::to_string(kMaxPayloadBytes >> 10) + " KiB).",
      "The filing's content is too large (at most " + std::to_string(kMaxPayloadBytes >> 10) +
          " KiB).");
}

Error damaged(std::string where) {
  return wire_error("filing_payload.damaged", "Nội dung hồ sơ bị hỏng, không giải nén được.",
                    "The filing's content is damaged and cannot be decompressed.",
                    std::move(where));
}

// A z_stream set up for one direction, ended however the function returns.
class ZStream {
 public:
  enum class Direction { deflate, inflate };

  explicit ZStream(Direction direction) : direction_(direction) {
    // Level 9, raw DEFLATE (negative window bits), 32 KiB window, memLevel 8:
    // zlib's defaults apart from the level and the header.
    const int status = direction == Direction::deflate
                           ? deflateInit2(&stream_, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
                           : inflateInit2(&stream_, -15);
    ok_ = status == Z_OK;
  }
  ~ZStream() {
    if (!ok_) return;
    if (direction_ == Direction::deflate) {
      deflateEnd(&stream_);
    } else {
      inflateEnd(&stream_);
    }
  }
  ZStream(const ZStream&) = delete;
  ZStream& operator=(const ZStream&) = delete;
  bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  Direction direction_;
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

Result<crypto::Bytes> encode_filing_payload(const nlohmann::json& answers) {
  if (!answers.is_object()) {
    return wire_error("filing_payload.not_object",
                      "Câu trả lời của hồ sơ không phải một đối tượng JSON.",
                      "The filing's answers are not a JSON object.");
  }
  const std::string text = answers.dump();
  if (text.size() > kMaxPayloadBytes) return too_large();
  ZStream deflater(ZStream::Direction::deflate);
  if (!deflater.ok()) return damaged("deflateInit2");
  z_stream& z = deflater.stream();
  crypto::Bytes out(deflateBound(&z, static_cast<uLong>(text.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  // deflateBound is enough for one Z_FINISH call by zlib's contract.
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) return damaged("deflate");
  out.resize(z.total_out);
  return out;
}

Result<nlohmann::json> decode_filing_payload(crypto::ByteView content) {
  ZStream inflater(ZStream::Direction::inflate);
  if (!inflater.ok()) return damaged("inflateInit2");
  z_stream& z = inflater.stream();
  z.next_in = const_cast<Bytef*>(content.data());
  z.avail_in = static_cast<uInt>(content.size());
  std::string text;
  std::array<char, 16384> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&z, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      // Z_BUF_ERROR here means the input ended before the stream did.
      return damaged(status == Z_BUF_ERROR ? "truncated" : "byte " + std::to_string(z.total_in));
    }
    const std::size_t produced = chunk.size() - z.avail_out;
    if (text.size() + produced > kMaxPayloadBytes) return too_large();
    text.append(chunk.data(), produced);
  }
  if (z.avail_in != 0) return damaged("byte " + std::to_string(z.total_in));
  nlohmann::json answers = core::parse_json_text(text);
  if (!answers.is_object()) {
    return wire_error("filing_payload.not_json",
                      "Nội dung hồ sơ không phải văn bản JSON của một đối tượng.",
                      "The filing's content is not the JSON text of one object.");
  }
  return answers;
}

}  // namespace tokhai::wire
