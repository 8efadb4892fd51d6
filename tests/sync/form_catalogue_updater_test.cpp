// FormCatalogueUpdater with the FakeTransport test double standing in for the
// network: a signed list brings a new form version the app lacks, which is
// stored only when its size, hash and definition hold; a list signed by
// another key, or with a lower serial than one accepted before (roll-back),
// changes nothing; checks are spaced out and the folder survives a restart.
#include "sync/form_catalogue_updater.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/text_file.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "fake_clock.h"
#include "fake_transport.h"

using namespace tokhai;
using namespace tokhai::sync;
using namespace tokhai::sync::testing;
using crypto::Bytes;

namespace {

constexpr std::string_view kBundledVersion = "2024.1";
constexpr std::string_view kNewVersion = "2026.1";
const std::string kCataloguePath = "/api/v1/forms/catalogue";
const std::string kNewFormPath = "/api/v1/forms/ho-tich.khai-sinh/2026.1";

crypto::SigningKeyPair signing_keys(unsigned char fill) {
  return crypto::signing_key_pair_from_seed(crypto::SecretBytes::copy_of(Bytes(32, fill))).value();
}

// The shipped birth registration form as the server's newer version.
std::string new_version_text() {
  std::string text = *core::read_text_file("forms/ho-tich.khai-sinh.json");
  const std::string from = "\"version\": \"2024.1\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "\"version\": \"2026.1\"");
  return text;
}

Bytes sha256_of(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(text));
  return Bytes(digest.begin(), digest.end());
}

std::string catalogue_text(const crypto::SigningKeyPair& key, std::uint64_t serial,
                           std::string_view definition, std::uint64_t size = 0) {
  wire::FormCatalogueDocument document;
  document.issued_at = "2026-12-03T08:00:00Z";
  document.serial = serial;
  document.forms.push_back(
      {"ho-tich.khai-sinh", std::string(kBundledVersion), sha256_of("old"), 1000, "2024-07-22"});
  document.forms.push_back({"ho-tich.khai-sinh", std::string(kNewVersion), sha256_of(definition),
                            size != 0 ? size : definition.size(), "2024-07-22"});
  return wire::form_catalogue_text(wire::sign_form_catalogue(document, key).value());
}

struct UpdaterFixture {
  UpdaterFixture()
      : folder(std::filesystem::temp_directory_path() /
               ("tokhai-form-updates-" + crypto::random_hex_id(8))) {}
  ~UpdaterFixture() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }

  std::unique_ptr<FormCatalogueUpdater> make() {
    auto updater = std::make_unique<FormCatalogueUpdater>(
        transport, clock, folder.string(), server.public_key,
        [](std::string_view id, std::string_view version) {
          return id == "ho-tich.khai-sinh" && version == kBundledVersion;
        });
    updater->set_listener([this] { ++notified; });
    updater->open();
    return updater;
  }

  std::string error_code(const FormCatalogueUpdater& updater) const {
    return updater.last_error() ? updater.last_error()->code : "";
  }

  std::filesystem::path folder;
  FakeTransport transport;
  FakeClock clock;
  crypto::SigningKeyPair server = signing_keys(0x07);
  int notified = 0;
};

}  // namespace

TEST_CASE("a signed new form version is downloaded, checked, stored and kept across a restart") {
  UpdaterFixture f;
  const std::string definition = new_version_text();
  auto updater = f.make();
  REQUIRE(updater->check_if_due());
  CHECK(updater->busy());
  CHECK_FALSE(updater->check_if_due());  // one at a time
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(f.server, 3, definition));
  // Only the version the app lacks is asked for.
  REQUIRE(f.transport.pending_count() == 1);
  f.transport.respond(f.transport.pending_for(kNewFormPath), 200, definition);
  CHECK_FALSE(updater->busy());
  CHECK(f.error_code(*updater).empty());
  CHECK(updater->accepted_serial() == 3);
  REQUIRE(updater->stored_forms().size() == 1);
  const StoredForm stored = updater->stored_forms()[0];
  CHECK(stored.id == "ho-tich.khai-sinh");
  CHECK(stored.version == kNewVersion);
  CHECK(core::read_text_file(stored.path) == definition);
  CHECK(f.notified >= 1);
  CHECK(updater->state_json()["stored"][0]["version"] == "2026.1");

  // Not again for hours, even after a restart (the wall clock is stored).
  updater = f.make();
  CHECK(updater->stored_forms() == std::vector<StoredForm>{stored});
  CHECK(updater->accepted_serial() == 3);
  CHECK_FALSE(updater->check_if_due());
  f.clock.advance_ms(kCheckIntervalMs);
  REQUIRE(updater->check_if_due());
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(f.server, 3, definition));
  CHECK(f.transport.pending_count() == 0);  // it has both versions now
  CHECK(f.error_code(*updater).empty());

  // A stored file that was damaged is dropped when the folder is opened.
  std::ofstream(stored.path, std::ios::binary) << "{}";
  updater = f.make();
  CHECK(updater->stored_forms().empty());
  CHECK(updater->state_json()["form_errors"][0]["code"] == "form_updates.damaged_file");
}

TEST_CASE("a catalogue with a lower serial than one accepted is refused (roll-back)") {
  UpdaterFixture f;
  const std::string definition = new_version_text();
  auto updater = f.make();
  REQUIRE(updater->check_if_due());
  // Serial 5 with nothing new to fetch (the new version's hash does not matter here).
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(f.server, 5, definition));
  f.transport.respond(f.transport.pending_for(kNewFormPath), 200, definition);
  REQUIRE(updater->accepted_serial() == 5);
  const auto stored_before = updater->stored_forms();

  f.clock.advance_ms(kCheckIntervalMs);
  updater = f.make();  // the serial outlives a restart
  REQUIRE(updater->check_if_due());
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(f.server, 4, "another definition"));
  CHECK(f.error_code(*updater) == "form_updates.rollback");
  CHECK(f.transport.pending_count() == 0);  // nothing fetched from the old list
  CHECK(updater->accepted_serial() == 5);
  CHECK(updater->stored_forms() == stored_before);
  // The same serial again is fine (a list issued again with nothing changed).
  f.clock.advance_ms(kRetryAfterFailureMs);
  REQUIRE(updater->check_if_due());
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(f.server, 5, definition));
  CHECK(f.error_code(*updater).empty());
}

TEST_CASE("a list signed by another key changes nothing") {
  UpdaterFixture f;
  auto updater = f.make();
  REQUIRE(updater->check_if_due());
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                      catalogue_text(signing_keys(0x08), 9, new_version_text()));
  CHECK(f.error_code(*updater) == "form_catalogue.bad_signature");
  CHECK(f.transport.pending_count() == 0);
  CHECK(updater->accepted_serial() == 0);
  CHECK(updater->stored_forms().empty());
  CHECK(updater->state_json()["last_error"]["code"] == "form_catalogue.bad_signature");
  // Not retried at once, only after the retry wait.
  CHECK_FALSE(updater->check_if_due());
  f.clock.advance_ms(kRetryAfterFailureMs);
  CHECK(updater->check_if_due());
}

TEST_CASE("a download with the wrong hash or size, or that is no form, is not stored") {
  UpdaterFixture f;
  const std::string definition = new_version_text();
  auto updater = f.make();

  SECTION("other bytes of the same size") {
    std::string tampered = definition;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == ' ' ? '\t' : ' ';
    REQUIRE(updater->check_if_due());
    f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                        catalogue_text(f.server, 1, definition));
    f.transport.respond(f.transport.pending_for(kNewFormPath), 200, tampered);
    CHECK(updater->state_json()["form_errors"][0]["code"] == "form_updates.hash_mismatch");
  }
  SECTION("a longer body") {
    REQUIRE(updater->check_if_due());
    f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                        catalogue_text(f.server, 1, definition));
    f.transport.respond(f.transport.pending_for(kNewFormPath), 200, definition + " ");
    CHECK(updater->state_json()["form_errors"][0]["code"] == "form_updates.size_mismatch");
  }
  SECTION("a signed definition that does not load") {
    const std::string broken = R"({"format":"tokhai-form/1","id":"ho-tich.khai-sinh"})";
    REQUIRE(updater->check_if_due());
    f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                        catalogue_text(f.server, 1, broken));
    f.transport.respond(f.transport.pending_for(kNewFormPath), 200, broken);
    const std::string code = updater->state_json()["form_errors"][0]["code"];
    CHECK(code.starts_with("form."));
  }
  SECTION("a signed definition of another version") {
    REQUIRE(updater->check_if_due());
    const std::string bundled = *core::read_text_file("forms/ho-tich.khai-sinh.json");
    f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                        catalogue_text(f.server, 1, bundled));
    f.transport.respond(f.transport.pending_for(kNewFormPath), 200, bundled);
    CHECK(updater->state_json()["form_errors"][0]["code"] == "form_updates.not_listed");
  }
  SECTION("a 404") {
    REQUIRE(updater->check_if_due());
    f.transport.respond(f.transport.pending_for(kCataloguePath), 200,
                        catalogue_text(f.server, 1, definition));
    f.transport.respond(f.transport.pending_for(kNewFormPath), 404, "{}");
    CHECK(updater->state_json()["form_errors"][0]["code"] == "form_updates.http_status");
  }
  CHECK(updater->stored_forms().empty());
  CHECK_FALSE(std::filesystem::exists(f.folder / "ho-tich.khai-sinh@2026.1.json"));
  // The list itself was good: the check counts, and the form is tried again next time.
  CHECK(f.error_code(*updater).empty());
  CHECK(updater->accepted_serial() == 1);
}

TEST_CASE("offline: the check is retried as soon as the network comes back") {
  UpdaterFixture f;
  auto updater = f.make();
  REQUIRE(updater->check_if_due());
  f.transport.fail(f.transport.pending_for(kCataloguePath), NetworkFailure::offline);
  CHECK(f.error_code(*updater) == "form_updates.offline");
  CHECK(updater->last_error()->where == "network.offline");
  CHECK_FALSE(updater->check_if_due());
  CHECK(updater->check_if_due(/*network_came_back=*/true));
  f.transport.respond(f.transport.pending_for(kCataloguePath), 503, "{}");
  CHECK(f.error_code(*updater) == "form_updates.http_status");
  // A server error is not a missing network: the `online` event waits too.
  CHECK_FALSE(updater->check_if_due(/*network_came_back=*/true));
}

TEST_CASE("an updater destroyed mid-check ignores the late answer") {
  UpdaterFixture f;
  auto updater = f.make();
  REQUIRE(updater->check_if_due());
  updater.reset();
  f.transport.respond(f.transport.pending_for(kCataloguePath), 200, "{}");
  CHECK(f.notified == 0);
}

TEST_CASE("new filings use the newest version in effect; a future one waits for its date") {
  auto form = [](std::string id, std::string version, std::string effective_date) {
    core::FormSummary summary;
    summary.id = std::move(id);
    summary.version = std::move(version);
    summary.effective_date = std::move(effective_date);
    return summary;
  };
  auto chosen = [](const std::vector<core::FormSummary>& offered) {
    std::vector<std::string> names;
    for (const core::FormSummary& f : offered) names.push_back(f.id + "@" + f.version);
    return names;
  };
  const std::vector<core::FormSummary> forms = {
      form("b", "2024.1", "2024-07-22"),  form("b", "2026.1", "2026-12-01"),
      form("b", "2027.1", "2027-01-01"),  form("a", "2024.9", "2024-07-22"),
      form("a", "2024.10", "2024-07-22"), form("c", "2030.1", "2030-01-01"),
      form("c", "2029.1", "2029-06-01"),
  };
  // Same date: the higher version (as numbers); a later date in effect wins;
  // nothing in effect: the soonest.
  CHECK(chosen(sync::offered_versions(forms, "2026-12-03")) ==
        std::vector<std::string>{"a@2024.10", "b@2026.1", "c@2029.1"});
  CHECK(chosen(sync::offered_versions(forms, "2026-11-30")) ==
        std::vector<std::string>{"a@2024.10", "b@2024.1", "c@2029.1"});
  CHECK(chosen(sync::offered_versions(forms, "2030-01-01")) ==
        std::vector<std::string>{"a@2024.10", "b@2027.1", "c@2030.1"});
  CHECK(sync::offered_versions({}, "2026-12-03").empty());
}
