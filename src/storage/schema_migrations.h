// Versioned schema migrations on PRAGMA user_version.
//
// A schema is an ordered list of SQL scripts: script i (0-based) takes the
// database from version i to version i + 1. Each runs in its own BEGIN
// IMMEDIATE transaction together with the new user_version, so a crash leaves
// every migration applied and recorded, or neither. Released migrations are
// never edited: a change is a new script at the end of the list.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "storage/sqlite_database.h"

namespace tokhai::storage {

// The schema version recorded in the database (0 for a new file).
Result<std::int64_t> schema_version(Database& database);

// The error for a database written by a newer build (code
// storage.schema_newer); `where` names the file.
Error newer_schema_error(std::int64_t found, std::int64_t known, std::string where);

// Applies every migration above the database's version; returns how many ran.
// A database whose version is above migrations.size() is refused untouched
// (storage.schema_newer). A failing migration is rolled back and its error
// returned; the migrations before it stay applied.
Result<int> migrate_schema(Database& database, std::span<const std::string_view> migrations);

}  // namespace tokhai::storage
