// UnlockedVault: sealed records in the database (see unlocked_vault.h and
// record_seal.h).
#include "storage/unlocked_vault.h"

#include <algorithm>

#include "crypto/encoding.h"
#include "crypto/random.h"

namespace tokhai::storage {

void UnlockedVault::lock() {
  keys_.sealing_key.wipe();
  keys_.index_key.wipe();
  keys_.export_key.wipe();
}

Result<Done> UnlockedVault::require_unlocked() const {
  if (!locked()) return Done{};
  return storage_error("vault.locked", "Kho dữ liệu đã khoá. Hãy nhập lại mã PIN hoặc mật khẩu.",
                       "The vault is locked. Enter the PIN or passphrase again.", vault_id_);
}

Result<RecordMeta> UnlockedVault::put(RecordLabel label, crypto::ByteView content) {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  auto label_ok = check_record_label(label, /*allow_empty_id=*/true);
  if (!label_ok) return label_ok.error();
  if (label.id.empty()) label.id = crypto::random_hex_id();
  const RecordMeta meta{std::move(label), clock_()};
  const SealedRecord sealed = seal_record(keys_, vault_id_, meta, content);
  auto upsert = database_->prepare(
      "INSERT INTO records(vault_id, locator, kind_locator, sealed_meta, sealed_body)"
      " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(vault_id, locator) DO UPDATE SET"
      " kind_locator = excluded.kind_locator, sealed_meta = excluded.sealed_meta,"
      " sealed_body = excluded.sealed_body");
  if (!upsert) return upsert.error();
  upsert.value()
      .bind_text(1, vault_id_)
      .bind_blob(2, sealed.locator)
      .bind_blob(3, sealed.kind_locator)
      .bind_blob(4, sealed.sealed_meta)
      .bind_blob(5, sealed.sealed_body);
  auto written = upsert.value().run();
  if (!written) return written.error();
  return meta;
}

Result<Record> UnlockedVault::get(std::string_view kind, std::string_view id) {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  auto label_ok = check_record_label({std::string(kind), std::string(id), {}, {}});
  if (!label_ok) return label_ok.error();
  const crypto::Bytes locator = record_locator(keys_, kind, id);
  auto select = database_->prepare(
      "SELECT kind_locator, sealed_meta, sealed_body FROM records"
      " WHERE vault_id = ?1 AND locator = ?2");
  if (!select) return select.error();
  Statement& row = select.value();
  row.bind_text(1, vault_id_).bind_blob(2, locator);
  auto found = row.step();
  if (!found) return found.error();
  const std::string where = std::string(kind) + "/" + std::string(id);
  if (!found.value()) {
    return storage_error("vault.record_not_found", "Không có bản ghi này trong kho.",
                         "There is no such record in the vault.", where);
  }
  const crypto::Bytes sealed_meta = row.column_blob(1);
  auto meta = open_record_meta(keys_, vault_id_, locator, row.column_blob(0), sealed_meta);
  if (!meta) return record_tampered(where);
  if (meta.value().label.kind != kind || meta.value().label.id != id) {
    return record_tampered(where);
  }
  auto content = open_record_body(keys_, vault_id_, meta.value(), sealed_meta, row.column_blob(2));
  if (!content) return content.error();
  return Record{std::move(meta).value(), std::move(content).value()};
}

Result<RecordList> UnlockedVault::list(std::string_view kind) {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  auto label_ok = check_record_label({std::string(kind), {}, {}, {}}, /*allow_empty_id=*/true);
  if (!label_ok) return label_ok.error();
  const crypto::Bytes kind_filter = kind_locator(keys_, kind);
  return list_rows(
      "SELECT locator, kind_locator, sealed_meta, NULL FROM records"
      " WHERE vault_id = ?1 AND kind_locator = ?2",
      &kind_filter);
}

Result<RecordList> UnlockedVault::audit() {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  return list_rows(
      "SELECT locator, kind_locator, sealed_meta, sealed_body FROM records WHERE vault_id = ?1",
      nullptr);
}

Result<RecordList> UnlockedVault::list_rows(std::string_view sql,
                                            const crypto::Bytes* kind_filter) {
  auto select = database_->prepare(sql);
  if (!select) return select.error();
  Statement& row = select.value();
  row.bind_text(1, vault_id_);
  if (kind_filter != nullptr) row.bind_blob(2, *kind_filter);
  // Bodies are opened only when the query reads them (audit): a listing shows
  // labels, and get() checks a body before anyone uses it.
  const bool check_bodies = kind_filter == nullptr;
  RecordList list;
  while (true) {
    auto more = row.step();
    if (!more) return more.error();
    if (!more.value()) break;
    const SealedRecord sealed{row.column_blob(0), row.column_blob(1), row.column_blob(2),
                              row.column_blob(3)};
    auto meta = check_bodies ? open_sealed_record(keys_, vault_id_, sealed)
                             : open_record_meta(keys_, vault_id_, sealed.locator,
                                                sealed.kind_locator, sealed.sealed_meta);
    if (!meta) {
      list.damaged.push_back({crypto::to_hex(sealed.locator), meta.error()});
      continue;
    }
    list.records.push_back(std::move(meta).value());
  }
  std::sort(list.records.begin(), list.records.end(), [](const RecordMeta& a, const RecordMeta& b) {
    if (a.updated_at_ms != b.updated_at_ms) return a.updated_at_ms > b.updated_at_ms;
    if (a.label.kind != b.label.kind) return a.label.kind < b.label.kind;
    return a.label.id < b.label.id;
  });
  return list;
}

Result<bool> UnlockedVault::remove(std::string_view kind, std::string_view id) {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  auto label_ok = check_record_label({std::string(kind), std::string(id), {}, {}});
  if (!label_ok) return label_ok.error();
  auto erase = database_->prepare("DELETE FROM records WHERE vault_id = ?1 AND locator = ?2");
  if (!erase) return erase.error();
  erase.value().bind_text(1, vault_id_).bind_blob(2, record_locator(keys_, kind, id));
  auto erased = erase.value().run();
  if (!erased) return erased.error();
  return database_->changes() > 0;
}

Result<VaultExportFile> UnlockedVault::export_file() {
  auto unlocked = require_unlocked();
  if (!unlocked) return unlocked.error();
  // Only reads: the transaction gives one consistent view of the vault row
  // and its records, and is rolled back when it goes out of scope.
  auto snapshot = Transaction::begin(*database_);
  if (!snapshot) return snapshot.error();

  auto vault_row = database_->prepare(
      "SELECT display_name, secret_kind, kdf_algorithm, kdf_ops_limit, kdf_mem_limit_bytes,"
      " kdf_salt, wrapped_data_key FROM vaults WHERE id = ?1");
  if (!vault_row) return vault_row.error();
  Statement& vault = vault_row.value();
  vault.bind_text(1, vault_id_);
  auto found = vault.step();
  if (!found) return found.error();
  if (!found.value()) return vault_not_found(vault_id_);
  VaultExport contents;
  contents.vault_id = vault_id_;
  contents.display_name = vault.column_text(0);
  contents.secret_kind = secret_kind_from_name(vault.column_text(1)).value_or(SecretKind::pin);
  contents.kdf_params = {static_cast<std::uint64_t>(vault.column_int64(3)),
                         static_cast<std::size_t>(vault.column_int64(4)),
                         static_cast<int>(vault.column_int64(2))};
  contents.kdf_salt = vault.column_blob(5);
  contents.wrapped_data_key = vault.column_blob(6);

  auto record_rows = database_->prepare(
      "SELECT locator, kind_locator, sealed_meta, sealed_body FROM records"
      " WHERE vault_id = ?1 ORDER BY locator");
  if (!record_rows) return record_rows.error();
  Statement& row = record_rows.value();
  row.bind_text(1, vault_id_);
  std::vector<DamagedRecord> left_out;
  while (true) {
    auto more = row.step();
    if (!more) return more.error();
    if (!more.value()) break;
    SealedRecord sealed{row.column_blob(0), row.column_blob(1), row.column_blob(2),
                        row.column_blob(3)};
    auto opened = open_sealed_record(keys_, vault_id_, sealed);
    if (!opened) {
      left_out.push_back({crypto::to_hex(sealed.locator), opened.error()});
      continue;
    }
    contents.records.push_back(std::move(sealed));
  }

  contents.seal = vault_export_seal(keys_.export_key, contents);
  auto file = vault_export_file(contents);
  if (!file) return file.error();
  return VaultExportFile{std::move(file).value(), contents.records.size(), std::move(left_out)};
}

}  // namespace tokhai::storage
