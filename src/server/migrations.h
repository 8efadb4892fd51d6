// The schema migration runner: brings a database up to the schema this build
// expects by applying, in order, the migrations it has not applied yet.
//
// Migrations are an ordered list of SQL texts; migration N (1-based) is
// recorded in schema_migrations(version, applied_at) in the same transaction
// that applies it, so a crash leaves each migration either fully applied and
// recorded, or not at all. Migrations are never edited once released: a change
// is a new migration at the end of the list. (PRAGMAs that cannot run inside a
// transaction, such as foreign_keys, belong to the connection setup instead.)
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "server/sqlite_database.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

// Applies each migration whose version (index + 1) is not yet recorded, each
// in its own BEGIN IMMEDIATE transaction (so two processes starting on one
// database apply it once). Named parameters in a migration are bound from
// `parameters`. Returns how many migrations were applied now. Error codes:
// migration.newer_schema (the database was written by a newer build), and the
// sqlite.* codes of the failing step, after which that migration is rolled back.
Result<int> apply_migrations(SqliteDatabase& database, std::span<const std::string_view> migrations,
                             const SqlParameters& parameters);

}  // namespace tokhai::server
