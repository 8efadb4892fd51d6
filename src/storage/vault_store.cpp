// VaultStore: the vault directory, creation, unlock with counted attempts,
// secret changes and imports (see vault_store.h).
#include "storage/vault_store.h"

#include <algorithm>
#include <optional>

#include "core/text/unicode.h"
#include "crypto/aead.h"
#include "crypto/random.h"
#include "storage/record_seal.h"
#include "storage/signing_key.h"
#include "storage/vault_database.h"
#include "storage/vault_export.h"

namespace tokhai::storage {
namespace {

using crypto::Bytes;
using crypto::ByteView;
using crypto::SecretBytes;

Bytes data_key_associated_data(std::string_view vault_id) {
  return encode_fields({"tokhai.vault.data-key/1", vault_id});
}

std::string seconds_text(std::int64_t seconds) { return std::to_string(seconds); }

Error try_later(std::string_view vault_id, const UnlockAttempts& attempts) {
  const std::string failed = std::to_string(attempts.failed_attempts);
  const std::string wait = seconds_text(attempts.retry_after_seconds());
  return storage_error(
      "vault.try_later",
      "Đã nhập sai " + failed + " lần liên tiếp. Hãy thử lại sau " + wait + " giây.",
      failed + " wrong attempts in a row. Try again in " + wait + " s.", std::string(vault_id));
}

Error wrong_secret(std::string_view vault_id, SecretKind kind, const UnlockAttempts& attempts) {
  std::string vi = kind == SecretKind::pin ? "Mã PIN không đúng." : "Mật khẩu không đúng.";
  std::string en = kind == SecretKind::pin ? "Wrong PIN." : "Wrong passphrase.";
  if (attempts.retry_after.count() > 0) {
    const std::string wait = seconds_text(attempts.retry_after_seconds());
    vi += " Hãy thử lại sau " + wait + " giây.";
    en += " Try again in " + wait + " s.";
  }
  return storage_error("vault.wrong_secret", std::move(vi), std::move(en), std::string(vault_id));
}

Error wrong_export_secret(std::string_view vault_id, SecretKind kind) {
  return kind == SecretKind::pin
             ? storage_error("vault.wrong_secret",
                             "Mã PIN không đúng. Hãy nhập mã PIN của kho dữ liệu lúc tạo tệp sao "
                             "lưu này.",
                             "Wrong PIN. Enter the PIN the vault had when this export was made.",
                             std::string(vault_id))
             : storage_error("vault.wrong_secret",
                             "Mật khẩu không đúng. Hãy nhập mật khẩu của kho dữ liệu lúc tạo tệp "
                             "sao lưu này.",
                             "Wrong passphrase. Enter the passphrase the vault had when this "
                             "export was made.",
                             std::string(vault_id));
}

Error already_here(std::string_view vault_id) {
  return storage_error("vault.already_here",
                       "Kho dữ liệu này đã có trên điện thoại này. Tệp sao lưu không được nhập, "
                       "để không ghi đè lên kho đang có.",
                       "This vault is already on this phone. The export was not imported, so "
                       "the vault here is not overwritten.",
                       std::string(vault_id));
}

// The display name as stored: NFC, whitespace runs collapsed, trimmed.
Result<std::string> normalized_display_name(std::string_view display_name) {
  std::string name = core::collapse_whitespace(core::to_nfc(display_name));
  const auto chars = static_cast<std::size_t>(std::count_if(name.begin(), name.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
  const bool has_control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (chars == 0 || chars > kMaxDisplayNameChars || has_control) {
    return storage_error("vault.display_name",
                         "Tên hiển thị cần từ 1 đến 80 ký tự, không có ký tự điều khiển.",
                         "A display name needs 1 to 80 characters and no control characters.");
  }
  return name;
}

// The kind of a stored vault row (the schema allows only the two names).
SecretKind secret_kind_from(std::string_view stored) {
  return secret_kind_from_name(stored).value_or(SecretKind::pin);
}

// The wrapping of a data key under a secret: what a vault row stores.
struct WrappedKey {
  Bytes salt;
  Bytes wrapped_data_key;
};

Result<WrappedKey> wrap_data_key(std::string_view vault_id, const SecretBytes& data_key,
                                 std::string_view secret,
                                 const crypto::PasswordHashParams& params) {
  WrappedKey wrapped{crypto::random_bytes(crypto::kPasswordSaltBytes), {}};
  const SecretBytes normalized = secret_for_hashing(secret);
  auto key_encryption_key =
      crypto::derive_key_from_password(normalized.as_text(), wrapped.salt, params);
  if (!key_encryption_key) return key_encryption_key.error();
  wrapped.wrapped_data_key = crypto::aead_seal(key_encryption_key.value(), data_key.view(),
                                               data_key_associated_data(vault_id));
  return wrapped;
}

// The data key of a vault row, unwrapped with `secret`; nullopt when the
// secret is wrong. Error: crypto.pwhash_* (the device failed, not the person).
Result<std::optional<SecretBytes>> open_wrapped_data_key(std::string_view vault_id,
                                                         std::string_view secret, ByteView salt,
                                                         ByteView wrapped_data_key,
                                                         const crypto::PasswordHashParams& params) {
  const SecretBytes normalized = secret_for_hashing(secret);
  auto key_encryption_key = crypto::derive_key_from_password(normalized.as_text(), salt, params);
  if (!key_encryption_key) return key_encryption_key.error();
  auto data_key = crypto::aead_open(key_encryption_key.value(), wrapped_data_key,
                                    data_key_associated_data(vault_id));
  if (!data_key) return std::optional<SecretBytes>();
  return std::optional<SecretBytes>(std::move(data_key).value());
}

// Inserts a vault row; its attempt counter starts at zero.
Result<Done> insert_vault_row(Database& database, std::string_view vault_id,
                              std::string_view display_name, SecretKind kind,
                              const crypto::PasswordHashParams& params, ByteView salt,
                              ByteView wrapped_data_key) {
  auto insert = database.prepare(
      "INSERT INTO vaults(id, display_name, secret_kind, kdf_algorithm, kdf_ops_limit,"
      " kdf_mem_limit_bytes, kdf_salt, wrapped_data_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert) return insert.error();
  insert.value()
      .bind_text(1, vault_id)
      .bind_text(2, display_name)
      .bind_text(3, secret_kind_name(kind))
      .bind_int64(4, params.algorithm)
      .bind_int64(5, static_cast<std::int64_t>(params.ops_limit))
      .bind_int64(6, static_cast<std::int64_t>(params.mem_limit_bytes))
      .bind_blob(7, salt)
      .bind_blob(8, wrapped_data_key);
  return insert.value().run();
}

Result<bool> vault_exists(Database& database, std::string_view vault_id) {
  auto select = database.prepare("SELECT 1 FROM vaults WHERE id = ?1");
  if (!select) return select.error();
  select.value().bind_text(1, vault_id);
  return select.value().step();
}

Result<Done> store_attempts(Database& database, std::string_view vault_id,
                            std::int64_t failed_attempts, std::int64_t next_attempt_at_ms) {
  auto update = database.prepare(
      "UPDATE vaults SET failed_attempts = ?2, next_attempt_at_ms = ?3 WHERE id = ?1");
  if (!update) return update.error();
  update.value()
      .bind_text(1, vault_id)
      .bind_int64(2, failed_attempts)
      .bind_int64(3, next_attempt_at_ms);
  return update.value().run();
}

// The wait before the next attempt at `now_ms`. A stored time further ahead
// than the delay itself means the clock went back since: the time is moved
// to now + delay, so that the wait runs down again instead of lasting until
// the clock catches up.
Result<std::chrono::milliseconds> current_wait(Database& database, std::string_view vault_id,
                                               std::int64_t failed_attempts,
                                               std::int64_t next_attempt_at_ms,
                                               std::int64_t now_ms) {
  const std::chrono::milliseconds delay = unlock_delay_after(failed_attempts);
  if (next_attempt_at_ms - now_ms > delay.count()) {
    auto moved = store_attempts(database, vault_id, failed_attempts, now_ms + delay.count());
    if (!moved) return moved.error();
  }
  return remaining_unlock_wait(failed_attempts, next_attempt_at_ms, now_ms);
}

}  // namespace

struct VaultStore::Unwrapped {
  SecretBytes data_key;
  std::string display_name;
};

Result<VaultStore> VaultStore::open(const std::filesystem::path& path, UnixMillisClock clock) {
  auto database = open_vault_database(path);
  if (!database) return database.error();
  return VaultStore(std::make_shared<Database>(std::move(database).value()), std::move(clock));
}

Result<std::vector<VaultSummary>> VaultStore::list_vaults() {
  auto select =
      database_->prepare("SELECT id, display_name, secret_kind FROM vaults ORDER BY rowid");
  if (!select) return select.error();
  std::vector<VaultSummary> vaults;
  while (true) {
    auto row = select.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    vaults.push_back({select.value().column_text(0), select.value().column_text(1),
                      secret_kind_from(select.value().column_text(2))});
  }
  return vaults;
}

Result<UnlockedVault> VaultStore::create_vault(std::string_view display_name,
                                               const VaultSecret& secret,
                                               const crypto::PasswordHashParams& params) {
  auto name = normalized_display_name(display_name);
  if (!name) return name.error();
  auto secret_ok = check_new_secret(secret);
  if (!secret_ok) return secret_ok.error();
  auto params_ok = crypto::check_password_hash_params(params);
  if (!params_ok) return params_ok.error();

  const std::string vault_id = crypto::random_hex_id();
  SecretBytes data_key = SecretBytes::random(kDataKeyBytes);
  auto wrapped = wrap_data_key(vault_id, data_key, secret.text, params);
  if (!wrapped) return wrapped.error();

  // The vault and its signing key, or neither.
  auto transaction = Transaction::begin(*database_);
  if (!transaction) return transaction.error();
  auto inserted = insert_vault_row(*database_, vault_id, name.value(), secret.kind, params,
                                   wrapped.value().salt, wrapped.value().wrapped_data_key);
  if (!inserted) return inserted.error();
  UnlockedVault vault(database_, vault_id, name.value(), derive_record_keys(data_key), clock_);
  auto key = ensure_signing_key(vault);
  if (!key) return key.error();
  auto committed = transaction.value().commit();
  if (!committed) return committed.error();
  return vault;
}

Result<VaultStore::Unwrapped> VaultStore::unwrap_data_key(std::string_view vault_id,
                                                          std::string_view secret) {
  auto select = database_->prepare(
      "SELECT display_name, secret_kind, kdf_algorithm, kdf_ops_limit, kdf_mem_limit_bytes,"
      " kdf_salt, wrapped_data_key, failed_attempts, next_attempt_at_ms FROM vaults WHERE id = ?1");
  if (!select) return select.error();
  Statement& row = select.value();
  row.bind_text(1, vault_id);
  auto found = row.step();
  if (!found) return found.error();
  if (!found.value()) return vault_not_found(vault_id);
  std::string display_name = row.column_text(0);
  const SecretKind kind = secret_kind_from(row.column_text(1));
  const std::int64_t ops = row.column_int64(3);
  const std::int64_t mem = row.column_int64(4);
  const crypto::PasswordHashParams params{
      static_cast<std::uint64_t>(std::max<std::int64_t>(ops, 0)),
      static_cast<std::size_t>(std::clamp<std::int64_t>(
          mem, 0, static_cast<std::int64_t>(crypto::kMaxPasswordHashMemBytes) + 1)),
      static_cast<int>(row.column_int64(2))};
  const Bytes salt = row.column_blob(5);
  const Bytes wrapped = row.column_blob(6);
  const std::int64_t failed = row.column_int64(7);
  const std::int64_t next_attempt_at_ms = row.column_int64(8);

  const std::int64_t now_ms = clock_();
  auto wait = current_wait(*database_, vault_id, failed, next_attempt_at_ms, now_ms);
  if (!wait) return wait.error();
  if (wait.value().count() > 0) return try_later(vault_id, UnlockAttempts{failed, wait.value()});
  if (!crypto::check_password_hash_params(params)) {
    return storage_error("vault.bad_params",
                         "Tham số bảo vệ của kho dữ liệu đã bị hỏng; không thể mở kho.",
                         "The vault's protection parameters are damaged; it cannot be opened.",
                         std::string(vault_id));
  }

  // Count the attempt before the slow part, so that closing the app while it
  // runs does not escape the count.
  const std::int64_t failures = failed + 1;
  const auto delay = std::chrono::milliseconds(unlock_delay_after(failures));
  auto counted = store_attempts(*database_, vault_id, failures, now_ms + delay.count());
  if (!counted) return counted.error();

  auto data_key = open_wrapped_data_key(vault_id, secret, salt, wrapped, params);
  if (!data_key) {
    // The device failed (memory), not the person: the attempt does not count.
    (void)store_attempts(*database_, vault_id, failed, next_attempt_at_ms);
    return data_key.error();
  }
  if (!data_key.value()) return wrong_secret(vault_id, kind, UnlockAttempts{failures, delay});
  auto reset = store_attempts(*database_, vault_id, 0, 0);
  if (!reset) return reset.error();
  return Unwrapped{std::move(*data_key.value()), std::move(display_name)};
}

Result<UnlockedVault> VaultStore::unlock(std::string_view vault_id, std::string_view secret) {
  auto unwrapped = unwrap_data_key(vault_id, secret);
  if (!unwrapped) return unwrapped.error();
  UnlockedVault vault(database_, std::string(vault_id), std::move(unwrapped.value().display_name),
                      derive_record_keys(unwrapped.value().data_key), clock_);
  // A vault made before signing keys existed gets its key now. A failure here
  // must not keep the person from their drafts: signing asks again and shows it.
  (void)ensure_signing_key(vault);
  return vault;
}

Result<UnlockAttempts> VaultStore::attempts(std::string_view vault_id) {
  auto select =
      database_->prepare("SELECT failed_attempts, next_attempt_at_ms FROM vaults WHERE id = ?1");
  if (!select) return select.error();
  select.value().bind_text(1, vault_id);
  auto found = select.value().step();
  if (!found) return found.error();
  if (!found.value()) return vault_not_found(vault_id);
  const std::int64_t failed = select.value().column_int64(0);
  const std::int64_t next_attempt_at_ms = select.value().column_int64(1);
  auto wait = current_wait(*database_, vault_id, failed, next_attempt_at_ms, clock_());
  if (!wait) return wait.error();
  return UnlockAttempts{failed, wait.value()};
}

Result<Done> VaultStore::change_secret(std::string_view vault_id, std::string_view current_secret,
                                       const VaultSecret& new_secret,
                                       const crypto::PasswordHashParams& params) {
  auto secret_ok = check_new_secret(new_secret);
  if (!secret_ok) return secret_ok.error();
  auto params_ok = crypto::check_password_hash_params(params);
  if (!params_ok) return params_ok.error();
  auto unwrapped = unwrap_data_key(vault_id, current_secret);
  if (!unwrapped) return unwrapped.error();
  auto wrapped = wrap_data_key(vault_id, unwrapped.value().data_key, new_secret.text, params);
  if (!wrapped) return wrapped.error();
  // One statement: the old wrapping or the new one, never neither.
  auto update = database_->prepare(
      "UPDATE vaults SET secret_kind = ?2, kdf_algorithm = ?3, kdf_ops_limit = ?4,"
      " kdf_mem_limit_bytes = ?5, kdf_salt = ?6, wrapped_data_key = ?7 WHERE id = ?1");
  if (!update) return update.error();
  update.value()
      .bind_text(1, vault_id)
      .bind_text(2, secret_kind_name(new_secret.kind))
      .bind_int64(3, params.algorithm)
      .bind_int64(4, static_cast<std::int64_t>(params.ops_limit))
      .bind_int64(5, static_cast<std::int64_t>(params.mem_limit_bytes))
      .bind_blob(6, wrapped.value().salt)
      .bind_blob(7, wrapped.value().wrapped_data_key);
  return update.value().run();
}

Result<UnlockedVault> VaultStore::import_vault(ByteView file, std::string_view secret) {
  auto parsed = parse_vault_export(file);
  if (!parsed) return parsed.error();
  const VaultExport& contents = parsed.value();
  const std::string& vault_id = contents.vault_id;
  // A name that create_vault could have stored, and nothing else.
  auto name = normalized_display_name(contents.display_name);
  if (!name || name.value() != contents.display_name) {
    return vault_export_damaged("vault.display_name");
  }
  // Checked again in the transaction; here so that the answer comes before
  // the slow hashing.
  auto present = vault_exists(*database_, vault_id);
  if (!present) return present.error();
  if (present.value()) return already_here(vault_id);

  auto data_key = open_wrapped_data_key(vault_id, secret, contents.kdf_salt,
                                        contents.wrapped_data_key, contents.kdf_params);
  if (!data_key) return data_key.error();
  if (!data_key.value()) return wrong_export_secret(vault_id, contents.secret_kind);
  RecordKeys keys = derive_record_keys(*data_key.value());
  auto sealed = check_vault_export_seal(keys.export_key, contents);
  if (!sealed) return sealed.error();
  // The seal says the file is what export_file wrote; each record is opened
  // all the same, so that nothing this vault cannot read is ever stored.
  for (std::size_t i = 0; i < contents.records.size(); ++i) {
    if (!open_sealed_record(keys, vault_id, contents.records[i])) {
      return vault_export_damaged("records[" + std::to_string(i) + "]");
    }
  }

  auto transaction = Transaction::begin(*database_);
  if (!transaction) return transaction.error();
  present = vault_exists(*database_, vault_id);
  if (!present) return present.error();
  if (present.value()) return already_here(vault_id);
  auto inserted =
      insert_vault_row(*database_, vault_id, contents.display_name, contents.secret_kind,
                       contents.kdf_params, contents.kdf_salt, contents.wrapped_data_key);
  if (!inserted) return inserted.error();
  for (const SealedRecord& row : contents.records) {
    auto insert = database_->prepare(
        "INSERT INTO records(vault_id, locator, kind_locator, sealed_meta, sealed_body)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return insert.error();
    insert.value()
        .bind_text(1, vault_id)
        .bind_blob(2, row.locator)
        .bind_blob(3, row.kind_locator)
        .bind_blob(4, row.sealed_meta)
        .bind_blob(5, row.sealed_body);
    auto written = insert.value().run();
    if (!written) return written.error();
  }
  auto committed = transaction.value().commit();
  if (!committed) return committed.error();
  UnlockedVault vault(database_, vault_id, contents.display_name, std::move(keys), clock_);
  (void)ensure_signing_key(vault);  // a backup made before signing keys existed (see unlock)
  return vault;
}

}  // namespace tokhai::storage
