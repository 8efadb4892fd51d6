// Record keys, blind indexes and sealing (see record_seal.h).
#include "storage/record_seal.h"

#include <charconv>

#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tokhai::storage {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using crypto::SecretBytes;

constexpr std::string_view kSubkeyContext = "tkvault_";
constexpr std::uint64_t kSealingSubkey = 1;
constexpr std::uint64_t kIndexSubkey = 2;
constexpr std::uint64_t kExportSubkey = 3;

std::string_view as_text(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

Bytes meta_associated_data(std::string_view vault_id, ByteView locator, ByteView kind_locator) {
  return encode_fields({"tokhai.record.meta/1", vault_id, as_text(locator), as_text(kind_locator)});
}

Bytes body_associated_data(std::string_view vault_id, const RecordLabel& label,
                           ByteView sealed_meta) {
  const ByteView meta_nonce = sealed_meta.first(crypto::kAeadNonceBytes);
  return encode_fields({"tokhai.record.body/1", vault_id, label.kind, label.id, label.form_id,
                        label.form_version, as_text(meta_nonce)});
}

}  // namespace

Error record_tampered(std::string where) {
  return storage_error(
      "vault.record_tampered",
      "Một bản ghi trong kho đã bị thay đổi hoặc di chuyển bên ngoài ứng dụng nên không được "
      "dùng.",
      "A record in the vault was altered or moved outside the app, so it is not used.",
      std::move(where));
}

Bytes encode_fields(std::initializer_list<std::string_view> fields) {
  Bytes out;
  for (std::string_view field : fields) {
    const auto size = static_cast<std::uint32_t>(field.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<unsigned char>((size >> shift) & 0xff));
    }
    out.insert(out.end(), field.begin(), field.end());
  }
  return out;
}

std::optional<std::vector<std::string>> decode_fields(ByteView bytes) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while (at < bytes.size()) {
    if (bytes.size() - at < 4) return std::nullopt;
    std::size_t size = 0;
    for (int i = 0; i < 4; ++i) size = (size << 8) | bytes[at + static_cast<std::size_t>(i)];
    at += 4;
    if (bytes.size() - at < size) return std::nullopt;
    fields.emplace_back(as_text(bytes.subspan(at, size)));
    at += size;
  }
  return fields;
}

RecordKeys derive_record_keys(const SecretBytes& data_key) {
  return {crypto::derive_subkey(data_key, kSealingSubkey, kSubkeyContext),
          crypto::derive_subkey(data_key, kIndexSubkey, kSubkeyContext),
          crypto::derive_subkey(data_key, kExportSubkey, kSubkeyContext)};
}

Bytes record_locator(const RecordKeys& keys, std::string_view kind, std::string_view id) {
  return crypto::blake2b_keyed(keys.index_key, encode_fields({"tokhai.record.locator/1", kind, id}),
                               kLocatorBytes);
}

Bytes kind_locator(const RecordKeys& keys, std::string_view kind) {
  return crypto::blake2b_keyed(keys.index_key, encode_fields({"tokhai.record.kind/1", kind}),
                               kLocatorBytes);
}

SealedRecord seal_record(const RecordKeys& keys, std::string_view vault_id, const RecordMeta& meta,
                         ByteView content) {
  const RecordLabel& label = meta.label;
  SealedRecord sealed;
  sealed.locator = record_locator(keys, label.kind, label.id);
  sealed.kind_locator = kind_locator(keys, label.kind);
  const std::string updated = std::to_string(meta.updated_at_ms);
  const Bytes meta_plain =
      encode_fields({label.kind, label.id, label.form_id, label.form_version, updated});
  sealed.sealed_meta =
      crypto::aead_seal(keys.sealing_key, meta_plain,
                        meta_associated_data(vault_id, sealed.locator, sealed.kind_locator));
  sealed.sealed_body = crypto::aead_seal(keys.sealing_key, content,
                                         body_associated_data(vault_id, label, sealed.sealed_meta));
  return sealed;
}

Result<RecordMeta> open_record_meta(const RecordKeys& keys, std::string_view vault_id,
                                    ByteView locator, ByteView row_kind_locator,
                                    ByteView sealed_meta) {
  const std::string where = crypto::to_hex(locator);
  auto plain = crypto::aead_open(keys.sealing_key, sealed_meta,
                                 meta_associated_data(vault_id, locator, row_kind_locator));
  if (!plain) return record_tampered(where);
  const auto fields = decode_fields(plain.value().view());
  if (!fields || fields->size() != 5) return record_tampered(where);
  RecordMeta meta;
  meta.label = {(*fields)[0], (*fields)[1], (*fields)[2], (*fields)[3]};
  const std::string& updated = (*fields)[4];
  const auto parsed =
      std::from_chars(updated.data(), updated.data() + updated.size(), meta.updated_at_ms);
  if (parsed.ec != std::errc() || parsed.ptr != updated.data() + updated.size()) {
    return record_tampered(where);
  }
  // The locators are derived from the label: a row whose label does not hash
  // to its own locators was not written by this vault for this place.
  if (record_locator(keys, meta.label.kind, meta.label.id) !=
          Bytes(locator.begin(), locator.end()) ||
      kind_locator(keys, meta.label.kind) !=
          Bytes(row_kind_locator.begin(), row_kind_locator.end())) {
    return record_tampered(where);
  }
  return meta;
}

Result<SecretBytes> open_record_body(const RecordKeys& keys, std::string_view vault_id,
                                     const RecordMeta& meta, ByteView sealed_meta,
                                     ByteView sealed_body) {
  auto content = crypto::aead_open(keys.sealing_key, sealed_body,
                                   body_associated_data(vault_id, meta.label, sealed_meta));
  if (!content) return record_tampered(meta.label.kind + "/" + meta.label.id);
  return std::move(content).value();
}

Result<RecordMeta> open_sealed_record(const RecordKeys& keys, std::string_view vault_id,
                                      const SealedRecord& row) {
  auto meta = open_record_meta(keys, vault_id, row.locator, row.kind_locator, row.sealed_meta);
  if (!meta) return meta.error();
  auto body = open_record_body(keys, vault_id, meta.value(), row.sealed_meta, row.sealed_body);
  if (!body) return body.error();
  return meta;
}

}  // namespace tokhai::storage
