// The outbox's attachment upload (issue 7), with the FakeTransport test
// double on a real vault: after the envelope's 202 every attachment's sealed
// bytes go up from the server's confirmed offset in chunks of at most 512 KiB
// read from the vault; after a break or a restart the outbox asks where the
// server stands (GET) and resumes there, or uses a 409's received_bytes; no
// confirmed byte is ever sent twice; the completing chunk's receipt makes the
// item sent; progress per file is kept in the item.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/random.h"
#include "storage/attachment_records.h"
#include "sync/outbox.h"
#include "sync_test_support.h"
#include "wire/sealed_attachment.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;

namespace {

// A filing with photos: the envelope, and each photo sealed for it and stored
// in the vault as the app does.
struct FilingWithPhotos {
  std::string envelope;
  std::string id;
  std::vector<std::string> vault_ids;
  std::vector<crypto::Bytes> sealed;
};

FilingWithPhotos filing_with_photos(OutboxFixture& f, const std::vector<std::size_t>& photo_sizes) {
  FilingWithPhotos filing;
  filing.id = wire::new_submission_id();
  wire::EnvelopeContent content;
  content.id = filing.id;
  content.form = {"khai-sinh", "2025.1", crypto::Bytes(32, 0xab)};
  content.created_at = "2025-07-01T08:30:00Z";
  content.agency_public_key = f.filings.agency.public_key;
  for (std::size_t index = 0; index < photo_sizes.size(); ++index) {
    auto sealed = wire::seal_attachment(f.filings.agency.public_key, filing.id,
                                        static_cast<std::uint32_t>(index),
                                        crypto::random_bytes(photo_sizes[index]));
    REQUIRE(sealed.ok());
    const std::string vault_id = filing.id + "-" + std::to_string(index);
    auto writer =
        storage::AttachmentRecordWriter::start(f.vault, vault_id, "giay_chung_sinh", "image/jpeg");
    REQUIRE(writer.ok());
    REQUIRE(writer.value().write(sealed.value().bytes).ok());
    REQUIRE(writer.value().finish().ok());
    const wire::SealedAttachmentSummary& summary = sealed.value().summary;
    content.attachments.push_back({"giay_chung_sinh", "image/jpeg",
                                   crypto::Bytes(summary.sha256.begin(), summary.sha256.end()),
                                   summary.size_bytes});
    filing.vault_ids.push_back(vault_id);
    filing.sealed.push_back(std::move(sealed.value().bytes));
  }
  auto built = wire::build_envelope(content, crypto::as_bytes(R"({"ho_ten":"Lê Thị Mai"})"),
                                    f.filings.applicant);
  REQUIRE(built.ok());
  filing.envelope = wire::envelope_text(built.value());
  return filing;
}

std::string progress_body(std::size_t index, std::uint64_t size, std::uint64_t received,
                          const std::string* receipt = nullptr) {
  nlohmann::json body = {{"index", index},
                         {"size_bytes", size},
                         {"received_bytes", received},
                         {"complete", received == size}};
  if (receipt != nullptr) body["receipt"] = *receipt;
  return body.dump();
}

std::string pending_body(const FilingWithPhotos& filing,
                         const std::vector<std::uint64_t>& received) {
  nlohmann::json attachments = nlohmann::json::array();
  for (std::size_t i = 0; i < filing.sealed.size(); ++i) {
    attachments.push_back(
        nlohmann::json::parse(progress_body(i, filing.sealed[i].size(), received.at(i))));
  }
  return nlohmann::json{
      {"submission_id", filing.id}, {"complete", false}, {"attachments", attachments}}
      .dump();
}

std::string chunk_path(const FilingWithPhotos& filing, std::size_t index, std::uint64_t offset) {
  return "/api/v1/submissions/" + filing.id + "/attachments/" + std::to_string(index) +
         "?offset=" + std::to_string(offset);
}

std::string progress_path(const FilingWithPhotos& filing, std::size_t index) {
  return "/api/v1/submissions/" + filing.id + "/attachments/" + std::to_string(index);
}

// The pending chunk of attachment `index` at `offset`, checked to carry exactly
// the sealed bytes from there.
std::size_t pending_chunk(OutboxFixture& f, const FilingWithPhotos& filing, std::size_t index,
                          std::uint64_t offset) {
  const std::size_t exchange = f.transport.pending_for(chunk_path(filing, index, offset));
  const HttpRequest& request = f.transport.exchanges()[exchange].request;
  CHECK(request.method == HttpMethod::put);
  const crypto::Bytes& sealed = filing.sealed[index];
  const std::size_t expected =
      std::min<std::size_t>(kAttachmentUploadChunkBytes, sealed.size() - offset);
  REQUIRE(request.body.size() == expected);
  CHECK(request.body == crypto::to_string(crypto::ByteView(sealed).subspan(offset, expected)));
  return exchange;
}

// Bytes of attachment chunks ever sent, in request bodies.
std::uint64_t chunk_bytes_sent(const FakeTransport& transport) {
  std::uint64_t total = 0;
  for (const auto& exchange : transport.exchanges()) {
    if (exchange.request.path.find("/attachments/") != std::string::npos) {
      total += exchange.request.body.size();
    }
  }
  return total;
}

}  // namespace

TEST_CASE("after the 202 each attachment goes up in chunks; the last one's receipt makes it sent",
          "[outbox][upload]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const FilingWithPhotos filing = filing_with_photos(f, {600 << 10, 100 << 10});
  const std::uint64_t size0 = filing.sealed[0].size();
  const std::uint64_t size1 = filing.sealed[1].size();
  REQUIRE(outbox->add(filing.envelope, filing.vault_ids).ok());
  CHECK(outbox->find(filing.id)->bytes_total == filing.envelope.size() + size0 + size1);
  CHECK(outbox->find(filing.id)->attachments.size() == 2);

  outbox->pump();
  f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                      pending_body(filing, {0, 0}));
  const OutboxItem* item = outbox->find(filing.id);
  CHECK(item->state == OutboxState::sending);
  CHECK(item->envelope_accepted);
  CHECK(item->bytes_sent == filing.envelope.size());

  std::size_t chunk = pending_chunk(f, filing, 0, 0);
  f.transport.report_progress(chunk, 1000, kAttachmentUploadChunkBytes);
  CHECK(outbox->find(filing.id)->bytes_sent == filing.envelope.size() + 1000);
  f.transport.respond(chunk, 200, progress_body(0, size0, kAttachmentUploadChunkBytes));
  CHECK(outbox->find(filing.id)->attachments[0].confirmed_bytes == kAttachmentUploadChunkBytes);

  chunk = pending_chunk(f, filing, 0, kAttachmentUploadChunkBytes);
  f.transport.respond(chunk, 200, progress_body(0, size0, size0));
  chunk = pending_chunk(f, filing, 1, 0);
  const std::string receipt = f.server.receipt_for(filing.envelope);
  f.transport.respond(chunk, 200, progress_body(1, size1, size1, &receipt));

  item = outbox->find(filing.id);
  CHECK(item->state == OutboxState::sent);
  CHECK(item->receipt_text == receipt);
  CHECK(item->bytes_sent == item->bytes_total);
  CHECK(item->attachments[1].confirmed_bytes == size1);
  CHECK(outbox->in_flight() == 0);
  CHECK(f.transport.pending_count() == 0);
  CHECK(chunk_bytes_sent(f.transport) == size0 + size1);  // every byte once
  // The sealed copies leave the phone with the receipt; the item stays.
  for (const std::string& id : filing.vault_ids) {
    CHECK(storage::read_attachment(f.vault, id).error().code == "vault.record_not_found");
  }
  auto chunks = f.vault.list(storage::kAttachmentChunkKind);
  REQUIRE(chunks.ok());
  CHECK(chunks.value().records.empty());
  auto reopened = f.open(1);
  CHECK(reopened->find(filing.id)->state == OutboxState::sent);
}

TEST_CASE("after a break the outbox asks where the server stands and never resends confirmed bytes",
          "[outbox][upload]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const FilingWithPhotos filing = filing_with_photos(f, {700 << 10, 200 << 10});
  const std::uint64_t size0 = filing.sealed[0].size();
  const std::uint64_t size1 = filing.sealed[1].size();
  REQUIRE(outbox->add(filing.envelope, filing.vault_ids).ok());
  outbox->pump();
  f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                      pending_body(filing, {0, 0}));

  // The first chunk reached the server, its answer did not reach the phone.
  f.transport.fail(pending_chunk(f, filing, 0, 0), NetworkFailure::connection_reset);
  CHECK(outbox->find(filing.id)->state == OutboxState::queued);
  CHECK(outbox->find(filing.id)->last_reason == "network.connection_reset");

  outbox->network_online();
  const std::size_t asked = f.transport.pending_for(progress_path(filing, 0));
  CHECK(f.transport.exchanges()[asked].request.method == HttpMethod::get);
  f.transport.respond(asked, 200, progress_body(0, size0, kAttachmentUploadChunkBytes));
  f.transport.respond(pending_chunk(f, filing, 0, kAttachmentUploadChunkBytes), 200,
                      progress_body(0, size0, size0));

  // The server says it already has 64 KiB of the second file: go on from there.
  f.transport.respond(pending_chunk(f, filing, 1, 0), 409,
                      R"({"error":{"code":"attachment.offset","message":{"vi":"x","en":"x"}},)"
                      R"("index":1,"size_bytes":)" +
                          std::to_string(size1) + R"(,"received_bytes":65536})");
  const std::string receipt = f.server.receipt_for(filing.envelope);
  f.transport.respond(pending_chunk(f, filing, 1, 65536), 200,
                      progress_body(1, size1, size1, &receipt));
  CHECK(outbox->find(filing.id)->state == OutboxState::sent);
  // Every byte of the first file once (the server had the lost answer's
  // chunk, and the phone asked before going on); the second file from 0 once,
  // refused by the 409, then from the server's 65536.
  CHECK(chunk_bytes_sent(f.transport) == size0 + size1 + (size1 - 65536));
}

TEST_CASE("after a restart the upload resumes where the server stands", "[outbox][upload]") {
  OutboxFixture f;
  const FilingWithPhotos filing = filing_with_photos(f, {600 << 10, 50 << 10});
  const std::uint64_t size0 = filing.sealed[0].size();
  const std::uint64_t size1 = filing.sealed[1].size();
  {
    auto outbox = f.open(1);
    REQUIRE(outbox->add(filing.envelope, filing.vault_ids).ok());
    outbox->pump();
    f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                        pending_body(filing, {0, 0}));
    f.transport.respond(pending_chunk(f, filing, 0, 0), 200,
                        progress_body(0, size0, kAttachmentUploadChunkBytes));
    pending_chunk(f, filing, 0, kAttachmentUploadChunkBytes);  // in flight when the tab closes
  }
  f.clock.restart_monotonic();
  auto outbox = f.open(1);
  const OutboxItem* item = outbox->find(filing.id);
  REQUIRE(item != nullptr);
  CHECK(item->state == OutboxState::queued);
  CHECK(item->envelope_accepted);
  CHECK(item->attachments[0].confirmed_bytes == kAttachmentUploadChunkBytes);
  CHECK(item->bytes_sent == filing.envelope.size() + kAttachmentUploadChunkBytes);

  outbox->pump();
  // The server was restarted with a fresh store meanwhile: it knows nothing.
  f.transport.respond(f.transport.pending_for(progress_path(filing, 0)), 404,
                      R"({"error":{"code":"attachment.not_found","message":{"vi":"x","en":"x"}}})");
  f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                      pending_body(filing, {size0, 0}));
  const std::string receipt = f.server.receipt_for(filing.envelope);
  f.transport.respond(pending_chunk(f, filing, 1, 0), 200,
                      progress_body(1, size1, size1, &receipt));
  CHECK(outbox->find(filing.id)->state == OutboxState::sent);
}

TEST_CASE("the receipt can come from the envelope once every attachment is confirmed",
          "[outbox][upload]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const FilingWithPhotos filing = filing_with_photos(f, {1000});
  const std::uint64_t size0 = filing.sealed[0].size();
  REQUIRE(outbox->add(filing.envelope, filing.vault_ids).ok());
  outbox->pump();
  f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                      pending_body(filing, {0}));
  // The completing chunk's answer was lost.
  f.transport.fail(pending_chunk(f, filing, 0, 0), NetworkFailure::truncated);
  outbox->network_online();
  f.transport.respond(f.transport.pending_for(progress_path(filing, 0)), 200,
                      progress_body(0, size0, size0));
  f.accept(filing.envelope, 200);
  CHECK(outbox->find(filing.id)->state == OutboxState::sent);
  CHECK(chunk_bytes_sent(f.transport) == size0);
}

TEST_CASE("a discarded file goes again from 0; a refused chunk rejects the item",
          "[outbox][upload]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const FilingWithPhotos filing = filing_with_photos(f, {1000});
  const std::uint64_t size0 = filing.sealed[0].size();
  REQUIRE(outbox->add(filing.envelope, filing.vault_ids).ok());
  outbox->pump();
  f.transport.respond(f.transport.pending_for(submission_path(filing.envelope)), 202,
                      pending_body(filing, {0}));
  f.transport.respond(
      pending_chunk(f, filing, 0, 0), 422,
      R"({"error":{"code":"attachment.hash_mismatch","message":{"vi":"x","en":"x"}},"index":0,)"
      R"("size_bytes":)" +
          std::to_string(size0) + R"(,"received_bytes":0})");
  CHECK(outbox->find(filing.id)->state == OutboxState::queued);
  CHECK(outbox->find(filing.id)->last_reason == "attachment.hash_mismatch");
  outbox->network_online();
  f.transport.respond(f.transport.pending_for(progress_path(filing, 0)), 200,
                      progress_body(0, size0, 0));
  f.transport.respond(
      pending_chunk(f, filing, 0, 0), 413,
      R"({"error":{"code":"attachment.chunk_too_large","message":{"vi":"x","en":"x"}}})");
  CHECK(outbox->find(filing.id)->state == OutboxState::rejected);
  CHECK(outbox->find(filing.id)->last_reason == "attachment.chunk_too_large");
  CHECK(outbox->in_flight() == 0);
}

TEST_CASE("add() refuses attachments that do not match the envelope", "[outbox][upload]") {
  OutboxFixture f;
  auto outbox = f.open(1);
  const FilingWithPhotos filing = filing_with_photos(f, {1000, 2000});
  CHECK(outbox->add(filing.envelope).error().code == "sync.attachment_mismatch");
  CHECK(outbox->add(filing.envelope, {filing.vault_ids[1], filing.vault_ids[0]}).error().code ==
        "sync.attachment_mismatch");
  CHECK(outbox->add(filing.envelope, {filing.vault_ids[0], "missing"}).error().code ==
        "vault.record_not_found");
  CHECK(outbox->items().empty());
  CHECK(outbox->add(filing.envelope, filing.vault_ids).ok());
}
