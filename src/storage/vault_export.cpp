// The vault export file: canonical JSON out, checked JSON in, and its seal
// (see vault_export.h). nlohmann/json is used without exceptions: parsed with
// core::parse_json_text, every member's type checked before it is read, dumped
// with invalid UTF-8 replaced.
#include "storage/vault_export.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/json_text.h"
#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "storage/vault_store.h"

namespace tokhai::storage {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using nlohmann::json;

// A sealed label is at most 464 bytes (record.h's longest fields, their
// lengths and the update time, plus nonce and tag); room is left for a field.
constexpr std::size_t kMaxSealedMetaBytes = 1024;
constexpr std::size_t kWrappedDataKeyBytes = kDataKeyBytes + crypto::kAeadOverheadBytes;
constexpr std::size_t kMaxDisplayNameBytes = 4 * kMaxDisplayNameChars;  // UTF-8
// The JSON tree costs tens of bytes per value however few bytes the value
// takes in the text: 32 MB of "[" nest 33 million arrays (2.5 GB natively),
// 32 MB of "{}," are 11 million objects (1.2 GB). So the shape is bounded
// before parsing: an export nests 3 deep ({"records":[{…}]}) and a record is
// 13 tokens (its object, four keys, four values, three commas and the one
// after it).
constexpr std::size_t kMaxJsonDepth = 3;
constexpr std::size_t kMaxJsonTokens = 16 * kMaxVaultExportRecords + 64;
// Every version of the format is named "tokhai-vault-export/<n>", and a file
// written by vault_export_file begins with its name (keys are sorted).
constexpr std::string_view kFormatFamily = "tokhai-vault-export/";
constexpr std::string_view kFileStart = R"({"format":"tokhai-vault-export/)";

std::string_view as_text(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

static_assert(kMaxVaultExportBytes == std::size_t{32} << 20 && kMaxVaultExportRecords == 10'000,
              "export_too_large() states the bounds");
Error export_too_large() {
  return storage_error(
      "vault.export_too_large",
      "Một tệp sao lưu kho dữ liệu có tối đa 32 MB và 10.000 bản ghi; tệp này lớn hơn.",
      "A vault export holds at most 32 MB and 10,000 records; this one is larger.");
}

Error not_an_export() {
  return storage_error("vault.export_format",
                       "Tệp này không phải là tệp sao lưu kho dữ liệu của ứng dụng.",
                       "This file is not a vault export of this app.");
}

Error newer_format(std::string format) {
  return storage_error("vault.export_format",
                       "Tệp sao lưu này do phiên bản ứng dụng mới hơn tạo ra. Hãy cập nhật ứng "
                       "dụng rồi thử lại.",
                       "This export was made by a newer version of the app. Update the app and "
                       "try again.",
                       std::move(format));
}

std::string member_path(std::string_view object, std::string_view key) {
  return object.empty() ? std::string(key) : std::string(object) + "." + std::string(key);
}

// Whether `value` is an object with exactly the members `keys`.
Result<Done> require_members(const json& value, std::initializer_list<std::string_view> keys,
                             std::string_view where) {
  if (!value.is_object()) return vault_export_damaged(std::string(where));
  for (std::string_view key : keys) {
    if (core::json_member(value, key) == nullptr) {
      return vault_export_damaged(member_path(where, key));
    }
  }
  if (value.size() != keys.size()) return vault_export_damaged(std::string(where));
  return Done{};
}

// Readers of one member of an object checked by require_members.
Result<std::string> text_member(const json& object, std::string_view key, std::size_t max_bytes,
                                std::string_view where) {
  const json& value = *core::json_member(object, key);
  if (!value.is_string() || value.get_ref<const std::string&>().size() > max_bytes) {
    return vault_export_damaged(member_path(where, key));
  }
  return value.get<std::string>();
}

Result<Bytes> base64_member(const json& object, std::string_view key, std::size_t min_bytes,
                            std::size_t max_bytes, std::string_view where) {
  const json& value = *core::json_member(object, key);
  // Four characters per three bytes: a longer text is refused before decoding.
  if (!value.is_string() || value.get_ref<const std::string&>().size() > (max_bytes + 2) / 3 * 4) {
    return vault_export_damaged(member_path(where, key));
  }
  auto bytes = crypto::from_base64(value.get_ref<const std::string&>());
  if (!bytes || bytes.value().size() < min_bytes || bytes.value().size() > max_bytes) {
    return vault_export_damaged(member_path(where, key));
  }
  return std::move(bytes).value();
}

Result<std::uint64_t> number_member(const json& object, std::string_view key,
                                    std::uint64_t max_value, std::string_view where) {
  const json& value = *core::json_member(object, key);
  if (!value.is_number_unsigned() || value.get<std::uint64_t>() > max_value) {
    return vault_export_damaged(member_path(where, key));
  }
  return value.get<std::uint64_t>();
}

bool is_vault_id(std::string_view id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<Done> read_vault(const json& doc, VaultExport& out) {
  constexpr std::string_view where = "vault";
  const json* vault = core::json_member(doc, "vault");
  auto members =
      require_members(*vault,
                      {"id", "display_name", "secret_kind", "kdf_algorithm", "kdf_ops_limit",
                       "kdf_mem_limit_bytes", "kdf_salt", "wrapped_data_key"},
                      where);
  if (!members) return members.error();

  auto id = text_member(*vault, "id", 32, where);
  if (!id) return id.error();
  if (!is_vault_id(id.value())) return vault_export_damaged("vault.id");
  out.vault_id = std::move(id).value();

  auto name = text_member(*vault, "display_name", kMaxDisplayNameBytes, where);
  if (!name) return name.error();
  out.display_name = std::move(name).value();

  auto kind_name = text_member(*vault, "secret_kind", 16, where);
  if (!kind_name) return kind_name.error();
  const std::optional<SecretKind> kind = secret_kind_from_name(kind_name.value());
  if (!kind) return vault_export_damaged("vault.secret_kind");
  out.secret_kind = *kind;

  auto algorithm = number_member(*vault, "kdf_algorithm", INT_MAX, where);
  if (!algorithm) return algorithm.error();
  auto ops = number_member(*vault, "kdf_ops_limit", crypto::kMaxPasswordHashOps, where);
  if (!ops) return ops.error();
  auto mem = number_member(*vault, "kdf_mem_limit_bytes", crypto::kMaxPasswordHashMemBytes, where);
  if (!mem) return mem.error();
  out.kdf_params = {ops.value(), static_cast<std::size_t>(mem.value()),
                    static_cast<int>(algorithm.value())};
  if (!crypto::check_password_hash_params(out.kdf_params)) {
    return vault_export_damaged("vault.kdf_algorithm");
  }

  auto salt = base64_member(*vault, "kdf_salt", crypto::kPasswordSaltBytes,
                            crypto::kPasswordSaltBytes, where);
  if (!salt) return salt.error();
  out.kdf_salt = std::move(salt).value();
  auto wrapped =
      base64_member(*vault, "wrapped_data_key", kWrappedDataKeyBytes, kWrappedDataKeyBytes, where);
  if (!wrapped) return wrapped.error();
  out.wrapped_data_key = std::move(wrapped).value();
  return Done{};
}

Result<Done> read_records(const json& doc, VaultExport& out) {
  const json& records = *core::json_member(doc, "records");
  if (!records.is_array()) return vault_export_damaged("records");
  if (records.size() > kMaxVaultExportRecords) return export_too_large();
  out.records.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string where = "records[" + std::to_string(i) + "]";
    const json& row = records[i];
    auto members =
        require_members(row, {"locator", "kind_locator", "sealed_meta", "sealed_body"}, where);
    if (!members) return members.error();
    auto locator = base64_member(row, "locator", kLocatorBytes, kLocatorBytes, where);
    if (!locator) return locator.error();
    auto kind_locator = base64_member(row, "kind_locator", kLocatorBytes, kLocatorBytes, where);
    if (!kind_locator) return kind_locator.error();
    auto meta =
        base64_member(row, "sealed_meta", crypto::kAeadOverheadBytes, kMaxSealedMetaBytes, where);
    if (!meta) return meta.error();
    auto body =
        base64_member(row, "sealed_body", crypto::kAeadOverheadBytes, kMaxVaultExportBytes, where);
    if (!body) return body.error();
    // Strictly increasing: one order for one content, and no locator twice.
    if (!out.records.empty() && !(out.records.back().locator < locator.value())) {
      return vault_export_damaged(where + ".locator");
    }
    out.records.push_back({std::move(locator).value(), std::move(kind_locator).value(),
                           std::move(meta).value(), std::move(body).value()});
  }
  return Done{};
}

Bytes seal_associated_data(const VaultExport& contents) {
  const crypto::PasswordHashParams& kdf = contents.kdf_params;
  Bytes data = encode_fields({kVaultExportFormat, contents.vault_id, contents.display_name,
                              secret_kind_name(contents.secret_kind), std::to_string(kdf.algorithm),
                              std::to_string(kdf.ops_limit), std::to_string(kdf.mem_limit_bytes),
                              as_text(contents.kdf_salt), as_text(contents.wrapped_data_key),
                              std::to_string(contents.records.size())});
  for (const SealedRecord& row : contents.records) {
    const Bytes digest =
        crypto::blake2b(encode_fields({as_text(row.locator), as_text(row.kind_locator),
                                       as_text(row.sealed_meta), as_text(row.sealed_body)}));
    const Bytes field = encode_fields({as_text(digest)});
    data.insert(data.end(), field.begin(), field.end());
  }
  return data;
}

}  // namespace

Error vault_export_damaged(std::string where) {
  return storage_error("vault.export_damaged",
                       "Tệp sao lưu kho dữ liệu bị hỏng hoặc không đầy đủ nên không được nhập; "
                       "trên máy không có gì thay đổi.",
                       "The vault export is damaged or incomplete, so it was not imported; "
                       "nothing changed on this phone.",
                       std::move(where));
}

Bytes vault_export_seal(const crypto::SecretBytes& export_key, const VaultExport& contents) {
  return crypto::aead_seal(export_key, {}, seal_associated_data(contents));
}

Result<Done> check_vault_export_seal(const crypto::SecretBytes& export_key,
                                     const VaultExport& contents) {
  if (!crypto::aead_open(export_key, contents.seal, seal_associated_data(contents))) {
    return vault_export_damaged("seal");
  }
  return Done{};
}

Result<Bytes> vault_export_file(const VaultExport& contents) {
  if (contents.records.size() > kMaxVaultExportRecords) return export_too_large();
  json vault = json::object();
  vault["id"] = contents.vault_id;
  vault["display_name"] = contents.display_name;
  vault["secret_kind"] = secret_kind_name(contents.secret_kind);
  vault["kdf_algorithm"] = contents.kdf_params.algorithm;
  vault["kdf_ops_limit"] = contents.kdf_params.ops_limit;
  vault["kdf_mem_limit_bytes"] = contents.kdf_params.mem_limit_bytes;
  vault["kdf_salt"] = crypto::to_base64(contents.kdf_salt);
  vault["wrapped_data_key"] = crypto::to_base64(contents.wrapped_data_key);
  json records = json::array();
  for (const SealedRecord& row : contents.records) {
    json record = json::object();
    record["locator"] = crypto::to_base64(row.locator);
    record["kind_locator"] = crypto::to_base64(row.kind_locator);
    record["sealed_meta"] = crypto::to_base64(row.sealed_meta);
    record["sealed_body"] = crypto::to_base64(row.sealed_body);
    records.push_back(std::move(record));
  }
  json doc = json::object();
  doc["format"] = kVaultExportFormat;
  doc["vault"] = std::move(vault);
  doc["records"] = std::move(records);
  doc["seal"] = crypto::to_base64(contents.seal);
  const std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxVaultExportBytes) return export_too_large();
  return crypto::to_bytes(text);
}

Result<VaultExport> parse_vault_export(ByteView file) {
  if (file.size() > kMaxVaultExportBytes) return export_too_large();
  const std::string_view text = as_text(file);
  const core::JsonShape shape = core::json_shape(text, kMaxJsonDepth, kMaxJsonTokens);
  if (shape == core::JsonShape::too_many_tokens) return export_too_large();
  const json doc = shape == core::JsonShape::within_bounds ? core::parse_json_text(text)
                                                           : json(json::value_t::discarded);
  if (doc.is_discarded()) {
    // A file that begins as an export but does not parse (or nests deeper
    // than one) was cut short or damaged on its way; anything else is some
    // other file.
    if (text.starts_with(kFileStart)) return vault_export_damaged("JSON");
    return not_an_export();
  }
  const json* format = core::json_member(doc, "format");
  if (format == nullptr || !format->is_string()) return not_an_export();
  const std::string& format_name = format->get_ref<const std::string&>();
  if (format_name != kVaultExportFormat) {
    if (format_name.starts_with(kFormatFamily)) return newer_format(format_name);
    return not_an_export();
  }
  auto members = require_members(doc, {"format", "vault", "records", "seal"}, "");
  if (!members) return members.error();

  VaultExport contents;
  auto vault = read_vault(doc, contents);
  if (!vault) return vault.error();
  auto records = read_records(doc, contents);
  if (!records) return records.error();
  auto seal =
      base64_member(doc, "seal", crypto::kAeadOverheadBytes, crypto::kAeadOverheadBytes, "");
  if (!seal) return seal.error();
  contents.seal = std::move(seal).value();
  return contents;
}

}  // namespace tokhai::storage
