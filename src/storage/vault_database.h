// The vault's database file: its schema (migrations) and how a connection to
// it is opened.
//
// The file is meant to live in the browser's IndexedDB through Emscripten's
// IDBFS, a file system without shared memory or reliable locks, which SQLite's
// WAL and mmap need: the journal is a classic rollback journal
// (journal_mode=DELETE, so no journal file is left to persist after a commit),
// mmap is off, and every commit is synced (synchronous=FULL). Deleted content
// is overwritten (secure_delete) so that an old wrapped key or record does not
// linger in free pages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "storage/sqlite_database.h"

namespace tokhai::storage {

// The migrations of the vault schema, oldest first (see vault_database.cpp).
std::span<const std::string_view> vault_migrations();
// The schema version this build writes: vault_migrations().size().
std::int64_t vault_schema_version();

// Opens the vault database at `path`, creating it (and nothing else: its
// folder must exist) if missing, configures the connection and migrates it.
// A file written by a newer build is first probed read-only and refused
// without any write (storage.schema_newer). Errors: storage.* of
// sqlite_database.h, storage.journal_mode.
Result<Database> open_vault_database(const std::filesystem::path& path);

}  // namespace tokhai::storage
