// The AttachmentStore on PostgreSQL (attachment_store.h), for several
// instances sharing one database: pending envelopes and confirmed offsets
// are rows like SQLite's, and the bytes are rows too, one `bytea` per chunk
// (attachment_chunks; migration 4 in postgres_storage.cpp), so that any
// instance can take the next chunk of an upload another one started and
// serve the result to an agency.
//
// A chunk is one transaction: the attachment's row is locked (SELECT … FOR
// UPDATE: concurrent chunks of one attachment, on any instances, run one
// after the other), the new bytes are inserted and the offset updated, and
// the commit is durable before the answer (synchronous_commit on). A crash
// before the commit keeps neither the bytes nor the offset, so nothing
// unconfirmed is ever stored.
#pragma once

#include <memory>

#include "server/attachment_store.h"
#include "server/postgres_connection.h"

namespace tokhai::server {

// An attachment store on `pool`'s database (migrated), which must outlive it.
std::unique_ptr<AttachmentStore> make_postgres_attachment_store(PostgresPool& pool);

}  // namespace tokhai::server
