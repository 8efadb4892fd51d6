// Receipt v1 (see receipt.h): dossier codes, the canonical tree, signing,
// the reader and verification against the envelope that was sent.
#include "wire/receipt.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/json_text.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "wire/canonical_json.h"
#include "wire/envelope.h"
#include "wire/json_members.h"

namespace tokhai::wire {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using nlohmann::json;

constexpr std::string_view kServerContext = "tokhai-receipt/1 server";
// Crockford's Base32 alphabet: digits and letters without I, L, O, U.
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kMaxDossierCodeBytes = 32;
// A flat object of seven members: 7 strings, 6 commas and its '{' with room.
constexpr JsonBounds kReceiptBounds{kMaxReceiptBytes, 1, 32};

Error receipt_error(std::string code, std::string vi, std::string en, std::string where = {}) {
  return wire_error("receipt." + code, std::move(vi), std::move(en), std::move(where));
}

Error damaged(std::string code, std::string where = {}) {
  return receipt_error(
      std::move(code), "Biên nhận của máy chủ không đọc được (sai định dạng hoặc bị hỏng).",
      "The server's receipt cannot be read (wrong format or damaged).", std::move(where));
}

Error from_member_problem(const MemberProblem& problem) {
  return damaged(member_fault_code(problem.fault), problem.where);
}

bool is_code_char(char c) { return kCrockford.find(c) != std::string_view::npos; }

Result<Done> check(const Receipt& receipt, bool with_signature) {
  if (!is_lower_hex_of(receipt.submission_id, kSubmissionIdBytes)) {
    return damaged("bad_value", "submission_id");
  }
  if (!is_dossier_code(receipt.dossier_code)) return damaged("bad_value", "dossier_code");
  if (!is_utc_timestamp(receipt.received_at)) return damaged("bad_value", "received_at");
  if (receipt.envelope_sha256.size() != crypto::kSha256Bytes) {
    return damaged("bad_value", "envelope_sha256");
  }
  if (receipt.server_public_key.size() != crypto::kSigningPublicKeyBytes) {
    return damaged("bad_value", "server_public_key");
  }
  if (with_signature && receipt.signature.size() != crypto::kSignatureBytes) {
    return damaged("bad_value", "signature");
  }
  return Done{};
}

json receipt_tree(const Receipt& receipt, bool with_signature) {
  json doc = {{"dossier_code", receipt.dossier_code},
              {"envelope_sha256", crypto::to_hex(receipt.envelope_sha256)},
              {"format", kReceiptFormat},
              {"received_at", receipt.received_at},
              {"server_public_key", crypto::to_base64(receipt.server_public_key)},
              {"submission_id", receipt.submission_id}};
  if (with_signature) doc["signature"] = crypto::to_base64(receipt.signature);
  return doc;
}

Bytes server_message(const Receipt& receipt) {
  return signed_message(kServerContext,
                        canonical_json(receipt_tree(receipt, /*with_signature=*/false)));
}

template <typename T>
Result<T> with_errors(MemberResult<T> read) {
  if (!read) return from_member_problem(read.error());
  return std::move(read).value();
}

}  // namespace

std::string new_dossier_code(std::string_view received_at) {
  std::string code = "TK-";
  if (received_at.size() >= 10) {
    code.append(received_at.substr(2, 2));
    code.append(received_at.substr(5, 2));
    code.append(received_at.substr(8, 2));
  }
  code.push_back('-');
  const Bytes random = crypto::random_bytes(5);  // 40 bits, 8 characters of 5 bits
  std::uint64_t bits = 0;
  for (std::uint8_t byte : random) bits = (bits << 8) | byte;
  for (int i = 7; i >= 0; --i) {
    code.push_back(kCrockford[(bits >> (5 * i)) & 0x1f]);
    if (i == 4) code.push_back('-');
  }
  return code;
}

bool is_dossier_code(std::string_view code) {
  // "TK-" YYMMDD "-" XXXX "-" XXXX
  if (code.size() != 19 || !code.starts_with("TK-") || code[9] != '-' || code[14] != '-') {
    return false;
  }
  const std::string_view date = code.substr(3, 6);
  if (!std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const auto random_part = [&](std::size_t at) {
    const std::string_view part = code.substr(at, 4);
    return std::all_of(part.begin(), part.end(), is_code_char);
  };
  return random_part(10) && random_part(15) && code.size() <= kMaxDossierCodeBytes;
}

Result<Receipt> sign_receipt(Receipt receipt, const crypto::SigningKeyPair& server) {
  receipt.server_public_key = server.public_key;
  auto checked = check(receipt, /*with_signature=*/false);
  if (!checked) return checked.error();
  receipt.signature = crypto::sign_detached(server.secret_key, server_message(receipt));
  return receipt;
}

std::string receipt_text(const Receipt& receipt) {
  return canonical_json(receipt_tree(receipt, /*with_signature=*/true));
}

Result<Receipt> parse_receipt(ByteView bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (text.size() > kMaxReceiptBytes) {
    return receipt_error("too_large", "Biên nhận của máy chủ dài bất thường.",
                         "The server's receipt is unusually long.", "bytes");
  }
  auto value = parse_canonical_json(text, kReceiptBounds);
  if (!value) {
    return damaged(is_unreadable(value.error().fault) ? "not_json" : "not_canonical",
                   value.error().where);
  }
  const json& doc = value.value();
  if (const auto fault = format_fault(doc, kReceiptFormat)) {
    if (*fault == FormatFault::newer) {
      return receipt_error("format",
                           "Biên nhận này do máy chủ mới hơn tạo ra. Hãy cập nhật ứng dụng.",
                           "This receipt was made by a newer server. Update the app.", "format");
    }
    return damaged("format", "format");
  }
  auto members = wire::require_members(doc, "",
                                       {"dossier_code", "envelope_sha256", "format", "received_at",
                                        "server_public_key", "signature", "submission_id"});
  if (!members) return from_member_problem(members.error());

  Receipt receipt;
  auto dossier = with_errors(text_member(doc, "", "dossier_code"));
  if (!dossier) return dossier.error();
  receipt.dossier_code = std::move(dossier).value();
  auto hash = with_errors(hex_member(doc, "", "envelope_sha256"));
  if (!hash) return hash.error();
  receipt.envelope_sha256 = std::move(hash).value();
  auto received_at = with_errors(text_member(doc, "", "received_at"));
  if (!received_at) return received_at.error();
  receipt.received_at = std::move(received_at).value();
  auto key = with_errors(base64_member(doc, "", "server_public_key"));
  if (!key) return key.error();
  receipt.server_public_key = std::move(key).value();
  auto signature = with_errors(base64_member(doc, "", "signature"));
  if (!signature) return signature.error();
  receipt.signature = std::move(signature).value();
  auto id = with_errors(text_member(doc, "", "submission_id"));
  if (!id) return id.error();
  receipt.submission_id = std::move(id).value();

  auto checked = check(receipt, /*with_signature=*/true);
  if (!checked) return checked.error();
  return receipt;
}

Result<Done> verify_receipt(const Receipt& receipt, ByteView server_public_key,
                            std::string_view submission_id, std::string_view envelope_text) {
  if (!std::equal(receipt.server_public_key.begin(), receipt.server_public_key.end(),
                  server_public_key.begin(), server_public_key.end())) {
    return receipt_error("wrong_server_key", "Biên nhận không do máy chủ mà ứng dụng tin cậy ký.",
                         "The receipt is not signed by the server this app trusts.",
                         "server_public_key");
  }
  if (!crypto::verify_detached(server_public_key, server_message(receipt), receipt.signature)) {
    return receipt_error("bad_signature", "Chữ ký trên biên nhận không đúng: biên nhận đã bị sửa.",
                         "The signature on the receipt does not hold: it was altered.",
                         "signature");
  }
  if (receipt.submission_id != submission_id) {
    return receipt_error("other_submission", "Biên nhận này là của một hồ sơ khác.",
                         "This receipt is for another submission.", "submission_id");
  }
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(envelope_text));
  if (!std::equal(receipt.envelope_sha256.begin(), receipt.envelope_sha256.end(), digest.begin(),
                  digest.end())) {
    return receipt_error("other_submission", "Biên nhận này không khớp với nội dung hồ sơ đã gửi.",
                         "This receipt does not match the content that was sent.",
                         "envelope_sha256");
  }
  return Done{};
}

}  // namespace tokhai::wire
