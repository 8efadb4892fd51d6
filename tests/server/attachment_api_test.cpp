// Attachment uploads on the real server (issue 7): an envelope that lists
// attachments is pending (202) until every attachment has arrived in chunks
// at the server's confirmed offset and matched its SHA-256; the receipt comes
// with the chunk that completed the last one. Resuming from every offset,
// resends that write nothing, wrong offsets, hash mismatches, a restart of
// the server in the middle (with an unconfirmed tail left in the file), and
// what the agencies see. The last one ([db]) runs on PostgreSQL too.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "api_test_support.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/signing.h"
#include "server/attachment_request.h"
#include "server_sandbox.h"
#include "temp_directory.h"
#include "tools/agency/agency_commands.h"
#include "wire/envelope.h"
#include "wire/receipt.h"
#include "wire/sealed_attachment.h"

using namespace tokhai;
using namespace tokhai::server::testing;
using nlohmann::json;

namespace {

// `size` bytes that differ with `seed`, every byte value included.
std::string test_bytes(std::size_t size, unsigned seed) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    bytes[i] = static_cast<char>((i * 131 + seed * 7 + (i >> 8)) & 0xff);
  }
  return bytes;
}

wire::AttachmentEntry entry_for(const std::string& bytes, std::string field = "giay_chung_sinh") {
  const auto digest = crypto::sha256(crypto::as_bytes(bytes));
  return wire::AttachmentEntry{std::move(field), "image/jpeg",
                               crypto::Bytes(digest.begin(), digest.end()), bytes.size()};
}

struct Pending {
  std::string envelope;
  std::string id;
};

// PUTs a new envelope listing `attachments` (entries for these bytes); expects 202.
Pending file_pending(httplib::Client& client, const SandboxKeys& keys,
                     const std::vector<std::string>& attachments,
                     std::string_view form_id = kUbndForm, std::string id = {}) {
  EnvelopeRecipe recipe;
  recipe.id = std::move(id);
  recipe.form_id = std::string(form_id);
  for (const auto& bytes : attachments) recipe.attachments.push_back(entry_for(bytes));
  Pending pending;
  pending.envelope = make_envelope(keys, crypto::generate_signing_key_pair(), recipe);
  pending.id = envelope_id(pending.envelope);
  auto answer = put_submission(client, pending.id, pending.envelope);
  REQUIRE(answer);
  REQUIRE(answer->status == 202);
  return pending;
}

std::string attachment_path(const std::string& id, std::size_t index) {
  return "/api/v1/submissions/" + id + "/attachments/" + std::to_string(index);
}

httplib::Result put_chunk(httplib::Client& client, const std::string& id, std::size_t index,
                          std::uint64_t offset, const std::string& bytes) {
  return client.Put(attachment_path(id, index) + "?offset=" + std::to_string(offset), bytes,
                    "application/octet-stream");
}

// Sends `bytes` from `offset` in chunks of `chunk_size`; returns the last answer's body.
json upload_from(httplib::Client& client, const std::string& id, std::size_t index,
                 const std::string& bytes, std::size_t offset, std::size_t chunk_size) {
  json last;
  while (offset < bytes.size()) {
    const std::string chunk = bytes.substr(offset, chunk_size);
    auto answer = put_chunk(client, id, index, offset, chunk);
    REQUIRE(answer);
    INFO(answer->body);
    REQUIRE(answer->status == 200);
    last = json::parse(answer->body);
    offset += chunk.size();
    REQUIRE(last["received_bytes"] == offset);
  }
  return last;
}

json progress(httplib::Client& client, const std::string& id, std::size_t index) {
  auto answer = client.Get(attachment_path(id, index));
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 200);
  return json::parse(answer->body);
}

void check_receipt(const json& answer, const SandboxKeys& keys, const Pending& pending) {
  REQUIRE(answer.contains("receipt"));
  const std::string text = answer["receipt"].get<std::string>();
  auto receipt = wire::parse_receipt(crypto::as_bytes(text));
  REQUIRE(receipt);
  CHECK(
      wire::verify_receipt(receipt.value(), keys.server().public_key, pending.id, pending.envelope)
          .ok());
}

// A signed GET made now, or `seconds_ago` (the same request signed twice in
// one second would be a replay).
httplib::Result agency_get(httplib::Client& client, const wire::AgencySecret& agency,
                           const std::string& target, std::int64_t seconds_ago = 0) {
  return client.Get(
      target, {{"Authorization",
                agency_authorization_now(agency, "GET", target, {}, unix_now() - seconds_ago)}});
}

std::size_t size_on_disk(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::size_t>(size);
}

}  // namespace

TEST_CASE("attachments: pending until the last chunk, whose answer carries the receipt") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const std::string photo = test_bytes(1'300'000, 1);  // three chunks of 512 KiB
  const std::string small = test_bytes(10, 2);

  EnvelopeRecipe recipe;
  recipe.attachments = {entry_for(photo), entry_for(small, "cccd")};
  Pending pending;
  pending.envelope = make_envelope(sandbox.keys(), crypto::generate_signing_key_pair(), recipe);
  pending.id = envelope_id(pending.envelope);
  auto first = put_submission(*client, pending.id, pending.envelope);
  REQUIRE(first);
  CHECK(first->status == 202);
  const json listed = json::parse(first->body);
  CHECK(listed["submission_id"] == pending.id);
  CHECK(listed["complete"] == false);
  CHECK(listed["attachments"] ==
        json::parse(R"([{"index":0,"size_bytes":1300000,"received_bytes":0,"complete":false},
                        {"index":1,"size_bytes":10,"received_bytes":0,"complete":false}])"));
  auto again = put_submission(*client, pending.id, pending.envelope);
  REQUIRE(again);
  CHECK(again->status == 202);

  const json photo_done =
      upload_from(*client, pending.id, 0, photo, 0, server::kMaxAttachmentChunkBytes);
  CHECK(photo_done["complete"] == true);
  CHECK_FALSE(photo_done.contains("receipt"));  // the second attachment is still missing
  auto still_pending = put_submission(*client, pending.id, pending.envelope);
  REQUIRE(still_pending);
  CHECK(still_pending->status == 202);

  const json last = upload_from(*client, pending.id, 1, small, 0, 4);
  CHECK(last["complete"] == true);
  check_receipt(last, sandbox.keys(), pending);

  SECTION("the envelope resent now gets 200 and that receipt, byte for byte") {
    auto resent = put_submission(*client, pending.id, pending.envelope);
    REQUIRE(resent);
    CHECK(resent->status == 200);
    CHECK(resent->body == last["receipt"].get<std::string>());
  }
  SECTION("the last chunk resent (its answer lost) gets the same receipt, nothing written") {
    auto resent = put_chunk(*client, pending.id, 1, 8, small.substr(8));
    REQUIRE(resent);
    CHECK(resent->status == 200);
    CHECK(json::parse(resent->body)["receipt"] == last["receipt"]);
  }
  SECTION("another envelope under the id is a conflict, with or without attachments") {
    EnvelopeRecipe other;
    other.id = pending.id;
    auto conflict =
        put_submission(*client, pending.id,
                       make_envelope(sandbox.keys(), crypto::generate_signing_key_pair(), other));
    REQUIRE(conflict);
    CHECK(conflict->status == 409);
    CHECK(error_code(conflict->body) == "submission.conflict");
  }
  CHECK(metric_value_once(*client, "tokhai_attachment_bytes_received_total", 1'300'010) ==
        1'300'010);
}

TEST_CASE("attachments: an upload broken after any prefix resumes from the confirmed offset") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const std::string photo = test_bytes(23, 3);
  for (std::size_t prefix = 0; prefix <= photo.size(); ++prefix) {
    CAPTURE(prefix);
    auto client = server.client();
    const Pending pending = file_pending(*client, sandbox.keys(), {photo});
    if (prefix > 0) {
      auto sent = put_chunk(*client, pending.id, 0, 0, photo.substr(0, prefix));
      REQUIRE(sent);
      REQUIRE(sent->status == 200);
    }
    // The break: a new connection that only knows what the server says.
    auto resumed = server.client();
    const json where = progress(*resumed, pending.id, 0);
    CHECK(where["received_bytes"] == prefix);
    CHECK(where["size_bytes"] == photo.size());
    CHECK(where["complete"] == (prefix == photo.size()));
    if (prefix == photo.size()) {
      // Complete before the break (the lost answer carried the receipt): the
      // envelope resent gets it.
      auto resent = put_submission(*resumed, pending.id, pending.envelope);
      REQUIRE(resent);
      CHECK(resent->status == 200);
      continue;
    }
    const json last = upload_from(*resumed, pending.id, 0, photo, prefix, 5);
    check_receipt(last, sandbox.keys(), pending);
  }
}

TEST_CASE("attachments: a resent chunk writes nothing; wrong offsets get 409 with the right one") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const std::string photo = test_bytes(100, 4);
  const Pending pending = file_pending(*client, sandbox.keys(), {photo});
  const std::filesystem::path file = sandbox.data_dir() / "attachments" / pending.id / "0";
  REQUIRE(put_chunk(*client, pending.id, 0, 0, photo.substr(0, 40))->status == 200);
  REQUIRE(metric_value_once(*client, "tokhai_attachment_bytes_received_total", 40) == 40);

  SECTION("the same chunk again: 200 at 40, no byte written") {
    auto resent = put_chunk(*client, pending.id, 0, 0, photo.substr(0, 40));
    REQUIRE(resent);
    CHECK(resent->status == 200);
    CHECK(json::parse(resent->body)["received_bytes"] == 40);
    CHECK(size_on_disk(file) == 40);
    CHECK(metric_value_once(*client, "tokhai_attachment_bytes_received_total", 40) == 40);
    auto inside = put_chunk(*client, pending.id, 0, 10, photo.substr(10, 20));
    REQUIRE(inside);
    CHECK(inside->status == 200);
    CHECK(json::parse(inside->body)["received_bytes"] == 40);
  }
  SECTION("a resend that reaches past the confirmed offset stores only the new bytes") {
    auto overlapping = put_chunk(*client, pending.id, 0, 30, photo.substr(30, 30));
    REQUIRE(overlapping);
    CHECK(overlapping->status == 200);
    CHECK(json::parse(overlapping->body)["received_bytes"] == 60);
    CHECK(metric_value_once(*client, "tokhai_attachment_bytes_received_total", 60) == 60);
  }
  SECTION("offset above the confirmed one: 409 attachment.offset with received_bytes") {
    auto ahead = put_chunk(*client, pending.id, 0, 50, photo.substr(50, 10));
    REQUIRE(ahead);
    CHECK(ahead->status == 409);
    CHECK(error_code(ahead->body) == "attachment.offset");
    CHECK(json::parse(ahead->body)["received_bytes"] == 40);
    CHECK(size_on_disk(file) == 40);
  }
  SECTION("other bytes below the confirmed offset: 409, nothing changed") {
    std::string changed = photo.substr(20, 30);
    changed[3] ^= 1;
    auto differing = put_chunk(*client, pending.id, 0, 20, changed);
    REQUIRE(differing);
    CHECK(differing->status == 409);
    CHECK(error_code(differing->body) == "attachment.offset");
    CHECK(json::parse(differing->body)["received_bytes"] == 40);
    CHECK(progress(*client, pending.id, 0)["received_bytes"] == 40);
  }
  SECTION("past the announced size: 422 attachment.beyond_size") {
    auto beyond = put_chunk(*client, pending.id, 0, 40, test_bytes(61, 9));
    REQUIRE(beyond);
    CHECK(beyond->status == 422);
    CHECK(error_code(beyond->body) == "attachment.beyond_size");
    CHECK(json::parse(beyond->body)["size_bytes"] == 100);
  }
  SECTION("bad addresses and bodies") {
    const std::string path = attachment_path(pending.id, 0);
    struct Case {
      std::string target;
      std::string body;
      int status;
      std::string code;
    };
    const std::vector<Case> cases = {
        {path, "x", 400, "attachment.bad_offset"},
        {path + "?offset=", "x", 400, "attachment.bad_offset"},
        {path + "?offset=040", "x", 400, "attachment.bad_offset"},
        {path + "?offset=-1", "x", 400, "attachment.bad_offset"},
        {path + "?offset=40&offset=41", "x", 400, "attachment.bad_offset"},
        {path + "?offset=33554433", "x", 400, "attachment.bad_offset"},
        {"/api/v1/submissions/" + pending.id + "/attachments/01?offset=0", "x", 400,
         "attachment.bad_index"},
        {"/api/v1/submissions/" + pending.id + "/attachments/100?offset=0", "x", 400,
         "attachment.bad_index"},
        {"/api/v1/submissions/XYZ/attachments/0?offset=0", "x", 400, "submission.bad_id"},
        {attachment_path(pending.id, 1) + "?offset=0", "x", 404, "attachment.not_found"},
        {attachment_path(std::string(32, 'a'), 0) + "?offset=0", "x", 404, "attachment.not_found"},
        {path + "?offset=40", std::string(server::kMaxAttachmentChunkBytes + 1, 'x'), 413,
         "attachment.chunk_too_large"},
        {path + "?offset=40", std::string((1 << 20) + 1, 'x'), 413, "attachment.chunk_too_large"},
    };
    for (const Case& one : cases) {
      CAPTURE(one.target);
      auto answer = client->Put(one.target, one.body, "application/octet-stream");
      REQUIRE(answer);
      CHECK(answer->status == one.status);
      CHECK(error_code(answer->body) == one.code);
    }
    CHECK(progress(*client, pending.id, 0)["received_bytes"] == 40);
    auto unknown = client->Get(attachment_path(pending.id, 1));
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(metric_value_once(
              *client, "tokhai_attachment_chunks_refused_total{reason=\"attachment.bad_offset\"}",
              6) == 6);
  }
}

TEST_CASE("attachments: a hash mismatch discards the attachment, which restarts from 0") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const std::string photo = test_bytes(30, 5);
  const Pending pending = file_pending(*client, sandbox.keys(), {photo});
  std::string damaged = photo;
  damaged[29] ^= 0x40;
  REQUIRE(put_chunk(*client, pending.id, 0, 0, damaged.substr(0, 20))->status == 200);
  auto mismatch = put_chunk(*client, pending.id, 0, 20, damaged.substr(20));
  REQUIRE(mismatch);
  CHECK(mismatch->status == 422);
  CHECK(error_code(mismatch->body) == "attachment.hash_mismatch");
  CHECK(json::parse(mismatch->body)["received_bytes"] == 0);
  CHECK(progress(*client, pending.id, 0)["received_bytes"] == 0);
  CHECK(size_on_disk(sandbox.data_dir() / "attachments" / pending.id / "0") == 0);

  const json last = upload_from(*client, pending.id, 0, photo, 0, 16);
  check_receipt(last, sandbox.keys(), pending);
}

TEST_CASE("attachments: agencies see only complete submissions, and get the exact bytes") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const auto& ubnd = sandbox.keys().ubnd();
  // Sealed to the agency, as the app seals them, so that the tool can open them.
  const std::string id = wire::new_submission_id();
  const std::vector<std::string> originals = {test_bytes(700'000, 6), test_bytes(3, 7),
                                              test_bytes(1000, 8)};
  std::vector<std::string> photos;
  for (std::size_t index = 0; index < originals.size(); ++index) {
    auto sealed = wire::seal_attachment(ubnd.box.public_key, id, static_cast<std::uint32_t>(index),
                                        crypto::as_bytes(originals[index]));
    REQUIRE(sealed);
    photos.emplace_back(sealed.value().bytes.begin(), sealed.value().bytes.end());
  }
  const Pending pending = file_pending(*client, sandbox.keys(), photos, kUbndForm, id);
  const std::string item = "/api/v1/agency/submissions/" + pending.id;

  CHECK_FALSE(upload_from(*client, pending.id, 0, photos[0], 0, 300'000).contains("receipt"));
  CHECK_FALSE(upload_from(*client, pending.id, 2, photos[2], 0, 1000).contains("receipt"));
  auto listed = agency_get(*client, ubnd, "/api/v1/agency/submissions", 2);
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  CHECK(json::parse(listed->body)["items"].empty());
  CHECK(agency_get(*client, ubnd, item, 2)->status == 404);
  CHECK(agency_get(*client, ubnd, item + "/attachments/0", 2)->status == 404);

  const json last = upload_from(*client, pending.id, 1, photos[1], 0, 2);
  check_receipt(last, sandbox.keys(), pending);
  listed = agency_get(*client, ubnd, "/api/v1/agency/submissions");
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  const json items = json::parse(listed->body)["items"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["envelope"] == pending.envelope);
  for (std::size_t index = 0; index < photos.size(); ++index) {
    auto bytes = agency_get(*client, ubnd, item + "/attachments/" + std::to_string(index));
    REQUIRE(bytes);
    CHECK(bytes->status == 200);
    CHECK(bytes->get_header_value("Content-Type") == "application/octet-stream");
    CHECK(bytes->body == photos[index]);
  }
  CHECK(agency_get(*client, ubnd, item + "/attachments/3")->status == 404);
  CHECK(agency_get(*client, sandbox.keys().csgt(), item + "/attachments/0")->status == 404);
  auto unsigned_get = client->Get(item + "/attachments/0");
  REQUIRE(unsigned_get);
  CHECK(unsigned_get->status == 401);

  SECTION("tokhai-agency pull opens them next to the dossier") {
    // The tool signs the attachment GETs above again: in the same second they
    // would be replays.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    TempDirectory out("tokhai-agency-pull-");
    auto agency =
        tools::AgencyClient::connect("http://127.0.0.1:" + std::to_string(server.port()), ubnd);
    REQUIRE(agency);
    auto report = tools::pull(agency.value(), ubnd, out.path());
    INFO((report ? "" : report.error().code + " " + report.error().where));
    REQUIRE(report);
    CHECK(report.value().written == 1);
    CHECK(report.value().attachments == 3);
    const std::string dossier =
        wire::parse_receipt(crypto::as_bytes(last["receipt"].get<std::string>()))
            .value()
            .dossier_code;
    const json written =
        json::parse(core::read_text_file(out.path() / (dossier + ".json")).value());
    REQUIRE(written["attachments"].size() == originals.size());
    for (std::size_t index = 0; index < originals.size(); ++index) {
      const std::string name = std::to_string(index) + ".jpg";
      CHECK(written["attachments"][index]["file"] == dossier + ".attachments/" + name);
      CHECK(core::read_text_file(out.path() / (dossier + ".attachments") / name) ==
            originals[index]);
    }
  }
}

TEST_CASE("attachments: a server restart in the middle keeps the confirmed offset") {
  ServerSandbox sandbox;
  const std::string photo = test_bytes(5000, 9);
  Pending pending;
  {
    RunningServer server(sandbox);
    auto client = server.client();
    pending = file_pending(*client, sandbox.keys(), {photo});
    REQUIRE(put_chunk(*client, pending.id, 0, 0, photo.substr(0, 3000))->status == 200);
  }  // killed (SIGKILL), as a crash
  {
    // An append that the crash cut before its offset was confirmed: bytes in
    // the file that nobody confirmed, and that are not the photo's.
    std::ofstream tail(sandbox.data_dir() / "attachments" / pending.id / "0",
                       std::ios::binary | std::ios::app);
    tail << std::string(500, '\x7f');
  }
  RunningServer server(sandbox);
  auto client = server.client();
  CHECK(progress(*client, pending.id, 0)["received_bytes"] == 3000);
  auto resent = put_submission(*client, pending.id, pending.envelope);
  REQUIRE(resent);
  CHECK(resent->status == 202);
  CHECK(json::parse(resent->body)["attachments"][0]["received_bytes"] == 3000);
  const json last = upload_from(*client, pending.id, 0, photo, 3000, 1024);
  check_receipt(last, sandbox.keys(), pending);
  CHECK(size_on_disk(sandbox.data_dir() / "attachments" / pending.id / "0") == photo.size());
}

TEST_CASE("attachments: the whole protocol on either storage engine", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  const std::vector<std::string> photos = {test_bytes(600'000, 10), test_bytes(50, 11)};
  const Pending pending = file_pending(*client, sandbox.keys(), photos);

  REQUIRE(put_chunk(*client, pending.id, 0, 0, photos[0].substr(0, 300'000))->status == 200);
  auto resent = put_chunk(*client, pending.id, 0, 100'000, photos[0].substr(100'000, 250'000));
  REQUIRE(resent);
  CHECK(resent->status == 200);
  CHECK(json::parse(resent->body)["received_bytes"] == 350'000);
  auto ahead = put_chunk(*client, pending.id, 0, 400'000, photos[0].substr(400'000, 10));
  REQUIRE(ahead);
  CHECK(ahead->status == 409);
  CHECK(json::parse(ahead->body)["received_bytes"] == 350'000);
  CHECK(progress(*client, pending.id, 0)["received_bytes"] == 350'000);
  CHECK_FALSE(upload_from(*client, pending.id, 0, photos[0], 350'000, 200'000).contains("receipt"));

  std::string damaged = photos[1];
  damaged[0] ^= 1;
  auto mismatch = put_chunk(*client, pending.id, 1, 0, damaged);
  REQUIRE(mismatch);
  CHECK(mismatch->status == 422);
  CHECK(error_code(mismatch->body) == "attachment.hash_mismatch");
  const json last = upload_from(*client, pending.id, 1, photos[1], 0, 20);
  check_receipt(last, sandbox.keys(), pending);
  auto again = put_submission(*client, pending.id, pending.envelope);
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(again->body == last["receipt"].get<std::string>());

  const std::string item = "/api/v1/agency/submissions/" + pending.id;
  for (std::size_t index = 0; index < photos.size(); ++index) {
    auto bytes =
        agency_get(*client, sandbox.keys().ubnd(), item + "/attachments/" + std::to_string(index));
    REQUIRE(bytes);
    CHECK(bytes->status == 200);
    CHECK(bytes->body == photos[index]);
  }
}
