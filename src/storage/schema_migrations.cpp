// Migrations on PRAGMA user_version (see schema_migrations.h).
#include "storage/schema_migrations.h"

#include <string>

namespace tokhai::storage {

Result<std::int64_t> schema_version(Database& database) {
  return database.query_integer("PRAGMA user_version");
}

Error newer_schema_error(std::int64_t found, std::int64_t known, std::string where) {
  const std::string versions = std::to_string(found) + " > " + std::to_string(known);
  return storage_error("storage.schema_newer",
                       "Dữ liệu này được tạo bởi phiên bản ứng dụng mới hơn (lược đồ " + versions +
                           "). Hãy cập nhật ứng dụng; dữ liệu được giữ nguyên, không bị thay đổi.",
                       "This data was written by a newer version of the app (schema " + versions +
                           "). Update the app; the data is kept as it is, unchanged.",
                       std::move(where));
}

Result<int> migrate_schema(Database& database, std::span<const std::string_view> migrations) {
  const auto known = static_cast<std::int64_t>(migrations.size());
  int applied = 0;
  while (true) {
    auto transaction = Transaction::begin(database);
    if (!transaction) return transaction.error();
    // Read inside the transaction: another connection may have migrated first.
    auto version = schema_version(database);
    if (!version) return version.error();
    if (version.value() > known) return newer_schema_error(version.value(), known, {});
    if (version.value() == known) return applied;
    const auto next = version.value() + 1;
    auto ran = database.execute_script(migrations[static_cast<std::size_t>(version.value())]);
    if (!ran) return ran.error();
    // PRAGMA takes no bound parameters; `next` is our own integer.
    auto recorded = database.execute_script("PRAGMA user_version = " + std::to_string(next));
    if (!recorded) return recorded.error();
    auto committed = transaction.value().commit();
    if (!committed) return committed.error();
    ++applied;
  }
}

}  // namespace tokhai::storage
